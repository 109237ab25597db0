/**
 * `checkOnCluster(spec, options)`: BFS of a model over P shards held by `stateright worker`
 * processes, coordinated through a NATS JetStream server. The design is docs/scaling.md's; the
 * chapter docs/cluster.md says how to run it.
 *
 * The coordinator owns no states. It publishes one job per shard, waits until every shard has a
 * worker, then commands levels: level `d` expands the states at depth `d` everywhere; once every
 * shard has reported the level (its new states stored in its log), the coordinator adds up the
 * counts, applies the stop rules and commands level `d+1`, which also commits level `d` at
 * every shard. A shard whose worker stops beating is published again as a new job; the worker
 * that takes it reloads the shard from its log, and the level in progress is replayed by every
 * shard under a new epoch. Counts are only ever added from complete levels, so a run that
 * cannot finish (no replacement, no server) ends with `timedOut` at its deadline, never with a
 * wrong count. Discoveries are rebuilt by asking each owner in turn for a state's parent, back
 * to an init state, and replayed forward on the model.
 *
 * ## When a shard is taken away, and why a replaced shard never makes a count wrong
 * Beats come from a thread of the worker that does nothing else (heartbeat.ts), so a worker busy
 * in a long model step or starved of CPU keeps beating; only a worker that is gone (killed,
 * crashed, cut off) falls silent. Before it judges a silence, the coordinator makes a round trip
 * to the server, so that beats already delivered to this process but not yet read (after a pause
 * of its own, timers run before input is read) are counted.
 *
 * A shard that is taken away gets a new ticket. Every command carries the tickets; reports are
 * accepted only from the current ticket's holder and only for the current (level, epoch), and
 * the old holder leaves the shard when it hears its ticket is gone. Before the shard is offered
 * again its old consumer is deleted (each ticket reads through a consumer of its own), so a slow
 * old holder is fenced off the shard's input: it cannot take the new holder's batches, and what
 * it did not acknowledge stays in the stream. Whatever the old holder still writes is harmless:
 * its batches carry the old epoch, which every receiver drops once it is past it; its log
 * records, if complete, hold the same states and parents as any complete attempt of that level
 * (shard.ts); its reports carry the old ticket. The new holder reloads exactly the levels
 * the coordinator committed (the log record of each, whose end record matches its count, from
 * any complete attempt), and the level in progress is replayed by every shard under a new epoch.
 * A shard reports an attempt only once it has merged every batch each other shard sent it in
 * that attempt (end markers count them, shard-session.ts), and the coordinator adds counts only
 * when all P shards reported the same (level, epoch). The sum is therefore that of whole
 * levels of the one-thread BFS, however often a shard changes hands.
 */
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager, AckPolicy, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { onGraph } from '../checker/liveness-check.js';
import { withLivenessPass } from '../checker/liveness-pass.js';
import { boundedInitStates } from '../checker/model.js';
import { loadModel, type ModelSpec } from '../checker/model-spec.js';
import { resolveOptions, type ModelCheckOptions } from '../checker/options.js';
import { progressSnapshot } from '../checker/progress.js';
import { ModelCheckResult } from '../checker/result.js';
import type { SearchOutcome } from '../checker/search.js';
import { stateFingerprinter } from '../checker/state-fingerprint.js';
import { ClusterError, connectCluster, DiscardPolicy, ensureJobs, fromJson, JOBS_STREAM, JOBS_SUBJECT, RetentionPolicy, runNames, sleep, StorageType, toJson, closeConnection } from './nats.js';
import type { Command, LevelReport, ShardJob, WorkerMessage } from './protocol.js';
import { ownerOf } from './shard.js';
import { compareFp, KIND_BATCH, RecordWriter, ROOT, wireCodecOf } from './wire.js';

export interface ClusterCheckOptions extends Omit<ModelCheckOptions<unknown>, 'strategy' | 'representative' | 'visitor' | 'seed'> {
  /** The NATS server, e.g. `nats://127.0.0.1:4222` (a comma-separated list for a NATS cluster). */
  readonly nats: string;
  /** Shards, one worker process each. */
  readonly shards: number;
  /** The module name workers are told to load, when it differs from `spec.module` here. */
  readonly workerModule?: string;
  /** A shard whose worker has not been heard of for this long is given to another worker (default 5 s). */
  readonly lostAfterMs?: number;
  /** Limit of the batch stream; publishers wait while it is full (default 256 MB). */
  readonly streamMaxBytes?: number;
  /** Unacknowledged batches a shard's consumer may hold (default 64). */
  readonly maxAckPending?: number;
  /** JetStream replicas of the run's streams (default 1; 3 on a NATS cluster of three). */
  readonly replicas?: number;
  /** Stalls, replacements and other events, one line each. */
  readonly onNotice?: (line: string) => void;
}

/** What the wire carried, summed over the levels (for benchmarks and the progress lines). */
export interface ClusterTraffic {
  remote: number;
  cacheDropped: number;
  bytesSent: number;
  levels: number;
  replays: number;
}

export class ClusterCheckResult<State, Action> extends ModelCheckResult<State, Action> {
  traffic!: ClusterTraffic;
}

export async function checkOnCluster<State = unknown, Action = unknown>(spec: ModelSpec, options: ClusterCheckOptions): Promise<ClusterCheckResult<State, Action>> {
  const P = options.shards;
  if (!Number.isInteger(P) || P < 1 || P > 1024) throw new RangeError(`shards must be an integer from 1 to 1024 (got ${P})`);
  const model = await loadModel<State, Action>(spec);
  const codec = wireCodecOf(model);
  if (typeof codec === 'string') throw new ClusterError(`${spec.export}: ${codec}`);
  // The codec's own checks (a serializer that does not round-trip, states that are not plain
  // data) run on the first states it encodes: run them here on the init states, so that such a
  // model ends the run with its reason instead of a worker refusing its shard until --timeout.
  try {
    const probe = new RecordWriter(KIND_BATCH, 0);
    for (const state of model.initStates()) probe.record(0, 0, 0, 0, ROOT, 0, (w) => codec.encode(state, w));
  } catch (error) {
    throw new ClusterError(`${spec.export}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const properties = model.properties();
  const opts = resolveOptions(model, properties, { ...options, strategy: 'bfs' });
  const notice = options.onNotice ?? (() => undefined);
  const started = Date.now();
  const nc = await connectCluster(options.nats, 'stateright coordinator');
  const run = randomBytes(6).toString('hex');
  const names = runNames(run);
  /** Tells the workers to leave the run and removes its jobs and streams, once; set when they exist. */
  let endRun: (() => Promise<void>) | undefined;
  try {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const replicas = options.replicas ?? 1;
    await jsm.streams.add({
      name: names.data,
      subjects: [names.dataSubject(0).replace(/\.0$/, '.*')],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      max_bytes: options.streamMaxBytes ?? 256 * 2 ** 20,
      discard: DiscardPolicy.New,
      num_replicas: replicas,
    });
    await jsm.streams.add({ name: names.log, subjects: [names.logSubject(0).replace(/\.0$/, '.*')], storage: StorageType.File, num_replicas: replicas });
    const tickets = Array.from({ length: P }, (_, k) => k + 1);
    let nextTicket = P + 1;
    const addConsumer = (k: number): Promise<unknown> =>
      jsm.consumers.add(names.data, {
        durable_name: names.consumer(k, tickets[k]),
        filter_subject: names.dataSubject(k),
        ack_policy: AckPolicy.Explicit,
        max_ack_pending: options.maxAckPending ?? 64,
      });
    for (let k = 0; k < P; k++) await addConsumer(k);
    await ensureJobs(jsm);

    const jobSeqs: number[] = [];
    const publishJob = async (k: number): Promise<void> => {
      const job: ShardJob = {
        kind: 'shard',
        run,
        shard: k,
        shards: P,
        ticket: tickets[k],
        spec: { ...spec, module: options.workerModule ?? spec.module },
        targetMaxDepth: Number.isFinite(opts.targetMaxDepth) ? opts.targetMaxDepth : null,
        liveness: opts.liveness,
      };
      const ack = await js.publish(JOBS_SUBJECT, toJson(job));
      jobSeqs.push(ack.seq);
    };
    for (let k = 0; k < P; k++) await publishJob(k);

    // Inits: counted here (workers load their own share of them).
    const inits = boundedInitStates(model);
    const fingerprint = stateFingerprinter(model);
    const initFps = new Set<string>();
    const fp = new Uint32Array(2);
    for (const s of inits) {
      fingerprint(s, fp);
      initFps.add(`${fp[0]}:${fp[1]}`);
    }
    let generated = inits.length;
    let unique = initFps.size;
    let maxDepth = 0;
    const firstFound: ({ level: number; fp0: number; fp1: number } | undefined)[] = properties.map(() => undefined);
    const discovered = properties.map(() => false);
    const traffic: ClusterTraffic = { remote: 0, cacheDropped: 0, bytesSent: 0, levels: 0, replays: 0 };

    const holder: (string | undefined)[] = new Array<string | undefined>(P).fill(undefined);
    const lastSeen = new Array<number>(P).fill(0);
    const lostAfterMs = options.lostAfterMs ?? 5000;
    let running = false;
    let level = 1;
    let epoch = 1;
    let reports = new Map<number, LevelReport>();
    let connected = true;
    let complete = false;
    let timedOut = false;
    let lastNotice = 0;
    // The first "waiting for workers" line comes after 5 s: workers usually join within that.
    let lastStallNotice = started;
    let lastProgress = started;
    const inbox: WorkerMessage[] = [];
    let wake: (() => void) | undefined;
    const sub = nc.subscribe(names.up, {
      callback: (_e, m) => {
        inbox.push(fromJson<WorkerMessage>(m.data));
        wake?.();
      },
    });
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect') connected = false;
        if (s.type === 'reconnect') {
          connected = true;
          lastSeen.fill(Date.now());
          notice('reconnected to the NATS server');
        }
      }
    })();
    const command = (type: Command['type'] = 'expand'): Command => ({ type, level, epoch, discovered, tickets });
    const broadcast = (type: Command['type'] = 'expand'): void => {
      if (running || type === 'stop') nc.publish(names.ctl, toJson(command(type)));
    };
    let ended = false;
    endRun = async (): Promise<void> => {
      if (ended) return;
      ended = true;
      for (let i = 0; i < 3; i++) {
        broadcast('stop');
        await sleep(50);
      }
      for (const seq of jobSeqs) await jsm.streams.deleteMessage(JOBS_STREAM, seq, false).catch(() => false);
      await jsm.streams.delete(names.data).catch(() => false);
      await jsm.streams.delete(names.log).catch(() => false);
    };

    /** Consumers of past assignments still to delete, then shards still to offer (retried each turn while the server refuses). */
    const fenced: string[] = [];
    const unoffered = new Set<number>();
    const reassign = (k: number): void => {
      holder[k] = undefined;
      fenced.push(names.consumer(k, tickets[k]));
      tickets[k] = nextTicket++;
      unoffered.add(k);
    };
    const offer = async (): Promise<void> => {
      while (fenced.length > 0) {
        try {
          await jsm.consumers.delete(names.data, fenced[0]);
        } catch (error) {
          if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) return;
        }
        fenced.shift();
      }
      for (const k of unoffered) {
        try {
          await addConsumer(k);
          await publishJob(k);
        } catch {
          return;
        }
        unoffered.delete(k);
      }
    };
    const busyNotices = new Array<number>(P).fill(0);
    /** The model threw on a worker: the run ends with this, once the workers are told to stop. */
    let modelFailure: string | undefined;
    const absorb = (now: number): void => {
      for (const m of inbox.splice(0)) {
        if (m.ticket !== tickets[m.shard]) continue;
        if (m.modelError !== undefined) {
          modelFailure ??= `${spec.export} threw on worker ${m.worker} (shard ${m.shard}), ${m.modelError}`;
          continue;
        }
        if (m.error !== undefined) {
          // That worker cannot load the model; offer the shard to the others.
          notice(`shard ${m.shard}: ${m.error}`);
          if (holder[m.shard] === undefined) reassign(m.shard);
          continue;
        }
        if (holder[m.shard] !== m.worker) {
          const replacing = holder[m.shard] !== undefined || running;
          holder[m.shard] = m.worker;
          if (replacing && running) {
            epoch++;
            reports = new Map();
            traffic.replays++;
            notice(`shard ${m.shard}: taken by worker ${m.worker}; it reloads the shard and level ${level} is replayed`);
          }
        }
        lastSeen[m.shard] = now;
        if (m.busyMs !== undefined && m.busyMs >= lostAfterMs && now - busyNotices[m.shard] >= 5000) {
          busyNotices[m.shard] = now;
          notice(`shard ${m.shard}: worker ${m.worker} is alive but its shard thread has been busy for ${Math.round(m.busyMs / 1000)} s (a long model step, a large level, or a starved machine); it keeps the shard`);
        }
        const r = m.report;
        if (running && r !== undefined && r.level === level && r.epoch === epoch) reports.set(m.shard, r);
      }
    };
    const silent = (now: number): number[] => (connected ? holder.flatMap((h, k) => (h !== undefined && now - lastSeen[k] >= lostAfterMs ? [k] : [])) : []);

    for (;;) {
      if (inbox.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 250);
        });
        wake = undefined;
      }
      let now = Date.now();
      absorb(now);
      if (modelFailure !== undefined) break;
      if (!running && holder.every((h) => h !== undefined)) {
        running = true;
        broadcast();
      }

      if (running && reports.size === P) {
        const all = [...reports.values()];
        const popped = all.reduce((n, r) => n + r.popped, 0);
        const added = all.reduce((n, r) => n + r.added, 0);
        generated += all.reduce((n, r) => n + r.generated, 0);
        unique += added;
        if (popped > 0) maxDepth = level;
        for (const r of all) {
          traffic.remote += r.remote;
          traffic.cacheDropped += r.cacheDropped;
          traffic.bytesSent += r.bytesSent;
          for (const [i, f0, f1] of r.discoveries) {
            const f = firstFound[i];
            if (f === undefined || (f.level === level && compareFp(f0, f1, f.fp0, f.fp1) < 0)) firstFound[i] = { level, fp0: f0, fp1: f1 };
            discovered[i] = true;
          }
        }
        traffic.levels++;
        if (opts.onProgress && now - lastProgress >= opts.progressIntervalMs) {
          lastProgress = now;
          opts.onProgress(progressSnapshot(generated, unique, maxDepth, added, now - started));
        }
        if (added === 0) {
          complete = true;
          break;
        }
        if (opts.finished(discovered) || generated >= opts.targetStateCount) break;
        level++;
        reports = new Map();
        broadcast();
      }

      if (now >= opts.deadline) {
        timedOut = true;
        notice(`timed out at level ${level}; the counts are those of the ${level - 1} complete levels`);
        break;
      }
      if (now - lastNotice >= 500) {
        lastNotice = now;
        if (silent(now).length > 0) {
          // Beats may wait unread in this process (after a pause of its own, its timers run
          // before its input is read): a round trip to the server first, then judge.
          await nc.flush().catch(() => undefined);
          now = Date.now();
          absorb(now);
        }
        for (const k of silent(now)) {
          notice(`shard ${k}: no word from worker ${holder[k]} for ${Math.round((now - lastSeen[k]) / 1000)} s; waiting for another worker to take it`);
          reassign(k);
        }
        broadcast();
        await offer();
        const idle = holder.flatMap((h, k) => (h === undefined ? [k] : []));
        if (idle.length > 0 && now - lastStallNotice >= 5000) {
          lastStallNotice = now;
          notice(`${running ? 'stalled' : 'waiting'}: no worker holds shard${idle.length > 1 ? 's' : ''} ${idle.join(', ')} (start \`stateright worker --nats ${options.nats}\`)`);
        }
      }
    }
    sub.unsubscribe();

    if (modelFailure !== undefined) throw new ClusterError(modelFailure);
    const discoveries: (number[] | undefined)[] = [];
    for (const f of firstFound) discoveries.push(f === undefined || timedOut ? undefined : await pathTo(nc, names.ask, P, f.fp0, f.fp1));
    // Before the liveness pass below, which may be long: the workers are free for other runs.
    await endRun();
    let outcome: SearchOutcome = { generated, unique, maxDepth, complete, timedOut, discoveries };
    if (properties.some((p) => onGraph(p.expectation, opts.liveness))) {
      // The liveness analysis needs the whole graph in one place (a cycle spans shards): it runs
      // on this machine, after the cluster run, as it does after a run on worker threads.
      notice('liveness properties are decided by a breadth-first pass on this machine');
      outcome = withLivenessPass(model, properties, opts, outcome);
    }
    const result = new ClusterCheckResult<State, Action>(model, 'bfs', properties, outcome, Date.now() - started);
    result.traffic = traffic;
    return result;
  } finally {
    // Every other way out (the model's error, a failure on the way) cleans up here.
    await endRun?.().catch(() => undefined);
    await closeConnection(nc);
  }
}

/** The path indices of a committed state: parents asked of their owners, back to an init state. */
async function pathTo(nc: NatsConnection, ask: (k: number) => string, shards: number, fp0: number, fp1: number): Promise<number[]> {
  const steps: number[] = [];
  for (let guard = 0; guard < 1_000_000; guard++) {
    const link = await askParent(nc, ask(ownerOf(fp1, shards)), fp0, fp1);
    if ((link[2] & ROOT) !== 0) return [link[2] & ~ROOT, ...steps.reverse()];
    steps.push(link[2]);
    fp0 = link[0];
    fp1 = link[1];
  }
  throw new ClusterError('a parent chain longer than a million steps: the shards disagree');
}

async function askParent(nc: NatsConnection, subject: string, fp0: number, fp1: number): Promise<[number, number, number]> {
  const request = new Uint8Array(Uint32Array.of(fp0, fp1).buffer);
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = await nc.request(subject, request, { timeout: 2000 });
      const w = new Uint32Array(new Uint8Array(reply.data).buffer);
      if (w[0] !== 1) throw new ClusterError(`the owner of state ${fp0}:${fp1} does not know it`);
      return [w[1], w[2], w[3]];
    } catch (error) {
      if (error instanceof ClusterError || attempt >= 10) throw error;
      await sleep(200);
    }
  }
}
