/**
 * A worker's life with one shard of a run: join, load the shard (init states, or the shard's log
 * when it replaces a lost worker), then run each level the coordinator commands. Internal.
 *
 * A level attempt is named by (level, epoch). The coordinator raises the epoch when it replays
 * a level (a worker was replaced); messages of an older attempt are dropped, messages of a later
 * one (another worker may hear the command first) are kept until this worker gets there. A level
 * ends at this shard when its own expansion is done and, from every other shard, the end marker
 * and as many distinct batches as the marker counts have arrived (level-input.ts), whatever
 * the order of delivery. The new states are then appended to the shard log (a JetStream stream, so that a replacement on any
 * machine can read it) and reported; they enter the visited table when the coordinator commands
 * the next level, which it does only once every shard reported.
 *
 * Each assignment of the shard (its ticket) reads its input through a durable consumer of its
 * own, which the coordinator deletes before it hands the shard to anyone else: an old holder
 * that is still running (slow, not dead) can receive nothing more, so it cannot take the new
 * holder's batches, and whatever it left unacknowledged stays in the stream for the new one.
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { LoadedModel } from '../checker/model-spec.js';
import { fromJson, Publisher, publishReliably, runNames, toJson, type RunNames } from './nats.js';
import type { Command, LevelReport, ShardJob, WorkerMessage } from './protocol.js';
import { Shard } from './shard.js';
import { headerOnly, KIND_BATCH, KIND_END, KIND_LOG, KIND_LOG_END, readHeader, type WireCodec } from './wire.js';
import type { Heartbeat } from './heartbeat.js';
import { LevelInput } from './level-input.js';

export const BEAT_MS = 500;
/** A worker that hears no command for this long gives the shard up (the coordinator is gone). */
const COORDINATOR_SILENCE_MS = 30_000;

export type SessionEnd = 'finished' | 'replaced' | 'coordinator lost' | 'refused';

const before = (l1: number, e1: number, l2: number, e2: number): boolean => l1 < l2 || (l1 === l2 && e1 < e2);

export class ShardSession<State, Action> {
  private readonly names: RunNames;
  private readonly js: JetStreamClient;
  private readonly shard: Shard<State, Action>;
  private readonly publisher: Publisher;
  private ready = false;
  private level = 0;
  private epoch = 0;
  private attempt = 0;
  private expandDone = false;
  private finishing = false;
  private input: LevelInput;
  private readonly later = new Map<string, Uint8Array[]>();
  private report: LevelReport | undefined;
  private expansion: Omit<LevelReport, 'level' | 'epoch' | 'added' | 'tableBytes'> | undefined;
  private lastCommand: Command | undefined;
  private lastHeard = Date.now();
  private ended: ((end: SessionEnd) => void) | undefined;
  private messages: ConsumerMessages | undefined;
  private readonly subs: Subscription[] = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly heartbeat: Heartbeat,
    private readonly job: ShardJob,
    model: LoadedModel<State, Action>,
    codec: WireCodec<State>,
    private readonly worker: string,
    private readonly log: (line: string) => void,
  ) {
    this.names = runNames(job.run);
    this.js = jetstream(nc);
    this.publisher = new Publisher(this.js, 16);
    this.shard = new Shard(model, model.properties(), codec, job.shard, job.shards, job.targetMaxDepth ?? Infinity, job.liveness);
    this.input = new LevelInput(job.shards, job.shard);
  }

  /** Runs until the run ends, the shard is given to another worker, or the coordinator goes quiet. */
  async run(): Promise<SessionEnd> {
    const done = new Promise<SessionEnd>((resolve) => (this.ended = resolve));
    const k = this.job.shard;
    this.subs.push(this.nc.subscribe(this.names.ctl, { callback: (_e, m) => this.onCommand(fromJson<Command>(m.data)) }));
    this.subs.push(this.nc.subscribe(this.names.ask(k), { callback: (_e, m) => this.onAsk(m.data, (d) => m.respond(d)) }));
    const watch = setInterval(() => void this.watchCoordinator(), BEAT_MS);
    this.beat();
    const end = await done;
    clearInterval(watch);
    this.heartbeat.quiet();
    this.attempt++;
    for (const s of this.subs) s.unsubscribe();
    this.messages?.stop();
    return end;
  }

  private finish(end: SessionEnd): void {
    const e = this.ended;
    this.ended = undefined;
    e?.(end);
  }

  /** Says where this shard is now, and has the heartbeat thread repeat it. */
  private beat(): void {
    const type = this.lastCommand === undefined ? 'join' : 'beat';
    const m: WorkerMessage = { type, shard: this.job.shard, ticket: this.job.ticket, worker: this.worker, report: this.report };
    this.nc.publish(this.names.up, toJson(m));
    this.heartbeat.say(this.names.up, m);
  }

  private async watchCoordinator(): Promise<void> {
    if (Date.now() - this.lastHeard <= COORDINATOR_SILENCE_MS) return;
    // After a long step the timers of this thread run before its input is read: a round trip to
    // the server first, so that every command the server delivered before it has been heard.
    await this.nc.flush().catch(() => undefined);
    if (this.ended === undefined || Date.now() - this.lastHeard <= COORDINATOR_SILENCE_MS) return;
    this.log(`shard ${this.job.shard} of run ${this.job.run}: no command for ${COORDINATOR_SILENCE_MS / 1000} s; leaving it`);
    this.finish('coordinator lost');
  }

  private onCommand(c: Command): void {
    this.lastHeard = Date.now();
    if (c.tickets[this.job.shard] !== this.job.ticket) {
      this.log(`shard ${this.job.shard} of run ${this.job.run}: assigned to another worker; leaving it`);
      this.finish('replaced');
      return;
    }
    if (c.type === 'stop') {
      this.finish('finished');
      return;
    }
    const first = this.lastCommand === undefined;
    this.lastCommand = c;
    if (first) {
      this.beat();
      void this.load(c).catch((error: unknown) => {
        this.log(`shard ${this.job.shard} of run ${this.job.run}: ${(error as Error).message}`);
        this.finish('refused');
      });
      return;
    }
    if (!this.ready || (c.level === this.level && c.epoch === this.epoch)) return;
    if (c.level === this.level + 1 && this.shard.hasTentative) {
      this.shard.commit();
      this.start(c, false);
    } else if (c.level === this.level && c.epoch > this.epoch) {
      this.start(c, true);
    } else if (before(this.level, this.epoch, c.level, c.epoch)) {
      this.log(`shard ${this.job.shard}: command for level ${c.level} while at level ${this.level} without its result; leaving the shard`);
      this.finish('refused');
    }
  }

  /** Loads the shard as of the level before `c.level`, starts consuming, and runs `c`. */
  private async load(c: Command): Promise<void> {
    const committed = c.level - 1;
    if (committed === 0) this.shard.loadInits();
    else {
      this.log(`shard ${this.job.shard} of run ${this.job.run}: reloading levels 1–${committed} from the shard log`);
      this.shard.restore(await this.readLog(committed));
    }
    const consumer = await this.js.consumers.get(this.names.data, this.names.consumer(this.job.shard, this.job.ticket));
    this.messages = await consumer.consume({ max_messages: 64 });
    void this.consume(this.messages);
    this.ready = true;
    this.level = committed;
    this.start(this.lastCommand ?? c, true);
  }

  private async consume(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const m of messages) {
        this.onData(m.data);
        m.ack();
      }
    } catch (error) {
      if (this.ended !== undefined) this.log(`shard ${this.job.shard}: input stopped: ${(error as Error).message}`);
    }
  }

  private onData(data: Uint8Array): void {
    const { header, bytes } = readHeader(data);
    if (before(header.level, header.epoch, this.level, this.epoch)) return;
    if (header.level !== this.level || header.epoch !== this.epoch) {
      const key = `${header.level}/${header.epoch}`;
      this.later.set(key, [...(this.later.get(key) ?? []), new Uint8Array(bytes)]);
      return;
    }
    if (header.kind === KIND_BATCH) {
      if (!this.input.batch(header.from, header.seq)) return;
      this.shard.merge(bytes, header.count);
    } else if (header.kind === KIND_END) this.input.end(header.from, header.count);
    this.maybeFinish(this.attempt);
  }

  private start(c: Command, replay: boolean): void {
    const my = ++this.attempt;
    this.level = c.level;
    this.epoch = c.epoch;
    this.expandDone = false;
    this.finishing = false;
    this.input = new LevelInput(this.job.shards, this.job.shard);
    this.report = undefined;
    this.shard.beginLevel(replay);
    for (const [key, list] of [...this.later]) {
      const [l, e] = key.split('/').map(Number);
      if (!before(l, e, c.level, c.epoch) && (l !== c.level || e !== c.epoch)) continue;
      this.later.delete(key);
      if (l === c.level && e === c.epoch) for (const m of list) this.onData(m);
    }
    const stopped = (): boolean => this.attempt !== my;
    const k = this.job.shard;
    let sent = 0;
    void (async () => {
      const stats = await this.shard.expand(c.level, c.epoch, c.discovered, (owner, message) =>
        this.publisher.send(this.names.dataSubject(owner), message, `${this.job.run}.${c.level}.${c.epoch}.${k}.${sent++}`, stopped),
      stopped);
      await this.publisher.drain();
      if (stats === undefined || stopped()) return;
      for (let owner = 0; owner < this.job.shards; owner++) {
        if (owner === k) continue;
        const end = headerOnly(KIND_END, c.level, c.epoch, k, this.shard.batchesSentTo(owner));
        await this.publisher.send(this.names.dataSubject(owner), end, `${this.job.run}.${c.level}.${c.epoch}.${k}.end.${owner}`, stopped);
      }
      await this.publisher.drain();
      if (stopped()) return;
      const { discoveries, ...counts } = stats;
      this.expansion = { ...counts, discoveries };
      this.expandDone = true;
      this.maybeFinish(my);
    })().catch((error: unknown) => {
      // Publishing retries its own failures (publishReliably): what reaches here was thrown by
      // the model (or its codec) on a state of this level. The coordinator ends the run with it.
      const modelError = `expanding level ${c.level}: ${error instanceof Error ? error.message : String(error)}`;
      this.log(`shard ${k}: ${modelError}`);
      const m: WorkerMessage = { type: 'beat', shard: k, ticket: this.job.ticket, worker: this.worker, modelError };
      this.nc.publish(this.names.up, toJson(m));
      this.heartbeat.say(this.names.up, m);
      if (!stopped()) this.finish('refused');
    });
  }

  /** The level is over here once the own expansion and every other shard's marker are in. */
  private maybeFinish(my: number): void {
    if (my !== this.attempt || !this.expandDone || this.finishing || !this.input.complete) return;
    this.finishing = true;
    const { level, epoch } = this;
    const stopped = (): boolean => this.attempt !== my;
    const messages = this.shard.finishLevel(level, epoch);
    void (async () => {
      let added = 0;
      const subject = this.names.logSubject(this.job.shard);
      for (let i = 0; i < messages.length; i++) {
        added += readHeader(messages[i]).header.count;
        await this.publisher.send(subject, messages[i], `${this.job.run}.log.${this.job.shard}.${level}.${epoch}.${i}`, stopped);
      }
      await this.publisher.drain();
      const end = headerOnly(KIND_LOG_END, level, epoch, this.job.shard, added);
      if (!(await publishReliably(this.js, subject, end, `${this.job.run}.log.${this.job.shard}.${level}.${epoch}.end`, stopped))) return;
      this.report = { level, epoch, added, tableBytes: this.shard.byteLength, ...this.expansion! };
      this.beat();
    })();
  }

  private onAsk(data: Uint8Array, respond: (d: Uint8Array) => void): void {
    const fp = new Uint32Array(new Uint8Array(data).buffer);
    const link = this.shard.parentOf(fp[0], fp[1]);
    respond(new Uint8Array(Uint32Array.of(link === undefined ? 0 : 1, ...(link ?? [0, 0, 0])).buffer));
  }

  /**
   * The shard log through level `through`: for each level, the last attempt that wrote its end
   * record with a matching count. Every complete attempt of a level holds the same states with
   * the same parents (the owner's choice does not depend on timing), so any one would do.
   */
  private async readLog(through: number): Promise<Uint8Array[][]> {
    const jsm = await jetstreamManager(this.nc);
    const subject = this.names.logSubject(this.job.shard);
    const attempts = new Map<string, { messages: Uint8Array[]; seqs: Set<number>; records: number; end?: number }>();
    const last = await jsm.streams.getMessage(this.names.log, { last_by_subj: subject }).catch(() => null);
    if (last !== null) {
      // A consumer of this shard's subject alone (`filter_subject`: servers before 2.10 lack
      // the ordered consumer's `filter_subjects`); the server removes it once idle.
      const info = await jsm.consumers.add(this.names.log, {
        filter_subject: subject,
        ack_policy: AckPolicy.None,
        deliver_policy: DeliverPolicy.All,
        inactive_threshold: nanos(60_000),
      });
      const consumer = await this.js.consumers.get(this.names.log, info.name);
      const messages = await consumer.consume();
      for await (const m of messages) {
        const { header, bytes } = readHeader(m.data);
        const key = `${header.level}/${header.epoch}`;
        const a = attempts.get(key) ?? { messages: [], seqs: new Set<number>(), records: 0 };
        attempts.set(key, a);
        // A message stored twice (a retried append past the duplicate window) counts once.
        if (header.kind === KIND_LOG && !a.seqs.has(header.seq)) {
          a.seqs.add(header.seq);
          a.messages.push(new Uint8Array(bytes));
          a.records += header.count;
        } else if (header.kind === KIND_LOG_END) a.end = header.count;
        if (m.seq >= last.seq) break;
      }
      messages.stop();
      await jsm.consumers.delete(this.names.log, info.name).catch(() => false);
    }
    const levels: Uint8Array[][] = [];
    for (let level = 1; level <= through; level++) {
      let chosen: Uint8Array[] | undefined;
      for (const [key, a] of attempts) {
        const [l] = key.split('/').map(Number);
        if (l === level && a.end === a.records) chosen = a.messages;
      }
      if (chosen === undefined) throw new Error(`the shard log has no complete record of level ${level}; the shard cannot be restored`);
      levels.push(chosen);
    }
    return levels;
  }
}
