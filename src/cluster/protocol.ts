/**
 * The JSON messages of a cluster run: jobs (on the jobs stream), the coordinator's command (on
 * `ctl`, re-sent every half second) and the workers' messages (on `up`). Internal.
 */
import type { LivenessMode } from '../checker/liveness-check.js';
import type { ModelSpec } from '../checker/model-spec.js';

/** One shard of a model-checking run, for one worker. */
export interface ShardJob {
  readonly kind: 'shard';
  readonly run: string;
  readonly shard: number;
  readonly shards: number;
  /** Which assignment of the shard this is: a replacement gets a new ticket, and stale ones are refused. */
  readonly ticket: number;
  readonly spec: ModelSpec;
  /** `targetMaxDepth`, or null for none (JSON has no Infinity). */
  readonly targetMaxDepth: number | null;
  readonly liveness: LivenessMode;
}

/** The coordinator's command: the level to run (all levels before it are committed). */
export interface Command {
  readonly type: 'expand' | 'stop';
  readonly level: number;
  readonly epoch: number;
  /** Per property: discovered so far (eventually properties read it). */
  readonly discovered: readonly boolean[];
  /** Per shard: the ticket of its current assignment. */
  readonly tickets: readonly number[];
}

/** What a shard reports once it has stored a level's new states. */
export interface LevelReport {
  readonly level: number;
  readonly epoch: number;
  readonly popped: number;
  readonly generated: number;
  readonly added: number;
  readonly remote: number;
  readonly cacheDropped: number;
  readonly bytesSent: number;
  readonly discoveries: readonly (readonly [property: number, fp0: number, fp1: number])[];
  readonly tableBytes: number;
}

/** From a worker: it took a job (`join`), or it is alive (`beat`, with its last report). */
export interface WorkerMessage {
  readonly type: 'join' | 'beat';
  readonly shard: number;
  readonly ticket: number;
  readonly worker: string;
  readonly report?: LevelReport;
  /** Set when the worker gives the shard up (cannot load the model, log incomplete…). */
  readonly error?: string;
  /**
   * Set when the model threw while this shard expanded a level: the run ends with it. A model is
   * a pure function of its state, so any other holder of the shard would throw the same.
   */
  readonly modelError?: string;
  /** How long the shard's thread has not turned its event loop (a long model step), when it is a while (heartbeat.ts). */
  readonly busyMs?: number;
}
