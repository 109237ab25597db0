/**
 * The heartbeat thread of a shard holder (heartbeat.ts): publishes the latest message the shard
 * thread gave it every `everyMs`, with `busyMs` when the shard thread's event loop has not
 * turned for a while. Internal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HeartbeatData, HeartbeatLine } from './heartbeat.js';
import { connectCluster, toJson } from './nats.js';
import type { WorkerMessage } from './protocol.js';

const data = workerData as HeartbeatData;
const turns = new Int32Array(data.turns);
let message: WorkerMessage | undefined;
let stopped = false;
parentPort?.on('message', (m: WorkerMessage | 'stop') => {
  if (m === 'stop') stopped = true;
  else message = m;
});

try {
  const nc = await connectCluster(data.nats, 'stateright worker heartbeat');
  let lastTurns = Atomics.load(turns, 0);
  let lastTurnAt = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (stopped) {
        clearInterval(timer);
        resolve();
        return;
      }
      const now = Date.now();
      const t = Atomics.load(turns, 0);
      if (t !== lastTurns) [lastTurns, lastTurnAt] = [t, now];
      const busyMs = now - lastTurnAt;
      // A turn is counted at least every half beat; two beats without one is worth telling.
      if (message !== undefined) nc.publish(data.subject, toJson(busyMs >= 2 * data.everyMs ? { ...message, busyMs } : message));
    }, data.everyMs);
  });
  await nc.drain().catch(() => undefined);
} catch (error) {
  parentPort?.postMessage({ log: `heartbeat: ${(error as Error).message}` } satisfies HeartbeatLine);
}
parentPort?.close();
