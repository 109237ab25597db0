/**
 * A shard holder's heartbeat, sent from a thread of its own (heartbeat-thread.ts) with its own
 * NATS connection. Internal.
 *
 * Why a thread. The coordinator gives a shard away when its holder has not been heard of for
 * `lostAfterMs`. The thread that holds a shard also runs the model, and one model step, the
 * sorting of a large level or the reload of a shard can keep its event loop from turning for
 * seconds, longer still on a starved machine: beats sent from there stop while the worker is
 * alive and working, the shard is handed out again, the level is replayed, and the replay
 * stalls the same way. The heartbeat thread sleeps between beats and needs almost no CPU, so
 * it stops beating only when the process is gone (killed, crashed, cut off from the server),
 * which is when the shard must move. The shard thread tells it what to say (its join, its
 * last level report); the heartbeat repeats the latest, and adds how long the shard thread has
 * not turned its event loop, so that a worker that is alive but stuck in a long step is shown
 * as such rather than taken for dead.
 *
 * One heartbeat thread serves a job loop for its whole life and is connected before the loop
 * takes its first job: started with the shard, it could still be loading when the first long
 * step begins.
 */
import type { Worker } from 'node:worker_threads';
import type { WorkerMessage } from './protocol.js';
import { sleep } from './nats.js';
import { startClusterThread } from './thread.js';

/** What the heartbeat thread is given. */
export interface HeartbeatData {
  readonly nats: string;
  readonly everyMs: number;
  /** Slot 0: a counter the shard thread raises at every turn of its event loop (at most every `everyMs / 2`). */
  readonly turns: SharedArrayBuffer;
}

/** From the heartbeat thread: connected, or a line for the worker's log. */
export type FromHeartbeat = { readonly ready: true } | { readonly log: string };

/** To the heartbeat thread: what to say from now on (nothing: `message` undefined), or stop. */
export type ToHeartbeat = { readonly subject: string; readonly message: WorkerMessage } | { readonly subject?: undefined } | 'stop';

export class Heartbeat {
  private readonly thread: Worker;
  private readonly turns = new Int32Array(new SharedArrayBuffer(4));
  private readonly turning: ReturnType<typeof setInterval>;
  /** Resolves once the thread is connected (or has given up, saying why in the log). */
  readonly ready: Promise<void>;

  constructor(nats: string, everyMs: number, log: (line: string) => void) {
    const data: HeartbeatData = { nats, everyMs, turns: this.turns.buffer as SharedArrayBuffer };
    this.thread = startClusterThread('heartbeat-thread', data);
    this.ready = new Promise((resolve) => {
      this.thread.on('message', (m: FromHeartbeat) => ('ready' in m ? resolve() : log(m.log)));
      this.thread.once('exit', () => resolve());
    });
    this.thread.on('error', (error) => log(`the heartbeat thread failed: ${error.message}`));
    this.turning = setInterval(() => Atomics.add(this.turns, 0, 1), everyMs / 2);
  }

  /** From now on the heartbeat says `message` on `subject`. */
  say(subject: string, message: WorkerMessage): void {
    this.post({ subject, message });
  }

  /** From now on the heartbeat says nothing (the job loop holds no shard). */
  quiet(): void {
    this.post({});
  }

  private post(m: ToHeartbeat): void {
    this.thread.postMessage(m);
  }

  async stop(): Promise<void> {
    clearInterval(this.turning);
    const exited = new Promise((resolve) => this.thread.once('exit', resolve));
    this.thread.postMessage('stop');
    await Promise.race([exited, sleep(2000)]);
    await this.thread.terminate();
  }
}
