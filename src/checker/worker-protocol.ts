/**
 * Messages between the coordinator (parallel-*.ts) and the worker threads (worker-*.ts).
 * Everything here survives `structuredClone`; typed arrays are transferred. Internal.
 */
import type { LivenessMode } from './liveness-check.js';
import type { ModelSpec } from './model-spec.js';
import type { FinishWhen, Strategy } from './options.js';
import type { SharedTableBuffers } from './shared-table.js';

export interface RunSetup {
  readonly spec: ModelSpec;
  readonly strategy: Strategy;
  readonly targetMaxDepth: number;
  /** How eventually properties are checked (the liveness analysis itself runs on the coordinator). */
  readonly liveness: LivenessMode;
  /** DFS: fingerprint `model.representative(state)` instead of the state. */
  readonly symmetry: boolean;
  /** Absent for simulation. */
  readonly table?: SharedTableBuffers;
  /** The run's shared facts (shared-facts.ts). */
  readonly facts: SharedArrayBuffer;
  /** DFS: one word per worker, set while the coordinator waits for that worker to donate jobs. */
  readonly donationWanted?: { readonly words: SharedArrayBuffer; readonly worker: number };
}

export interface SimulationRequest {
  readonly seed: number;
  readonly targetStateCount: number;
  readonly timeoutMs: number | undefined;
  readonly finishWhen: FinishWhen;
  /** One bit per property, OR-ed by every worker: who has found what so far. */
  readonly discovered: SharedArrayBuffer;
}

export type ToWorker =
  | { readonly type: 'setup'; readonly setup: RunSetup }
  /** Copy old slots `from` to `to` of the current table into `table`, then use it. */
  | { readonly type: 'grow'; readonly table: SharedTableBuffers; readonly from: number; readonly to: number }
  /** BFS level 1: the bounded init states this worker holds, by position, with their ids (ascending). */
  | { readonly type: 'bfs-inits'; readonly positions: readonly number[]; readonly ids: readonly number[] }
  | { readonly type: 'bfs-slice'; readonly maxPops: number; readonly level: number; readonly levelStart: number; readonly discovered: readonly boolean[] }
  | { readonly type: 'bfs-end-level' }
  /** The ids of the survivors this worker reported; it hands its last `giveAway` to others. */
  | { readonly type: 'bfs-ids'; readonly ids: Int32Array; readonly giveAway: number }
  /** States moved to this worker: ids, paths end to end (`offsets` has one more entry), bits. */
  | { readonly type: 'bfs-adopt'; readonly ids: Int32Array; readonly paths: Int32Array; readonly offsets: Int32Array; readonly bits: Uint32Array }
  | { readonly type: 'dfs-jobs'; readonly paths: readonly (readonly number[])[]; readonly bits: readonly number[] }
  | { readonly type: 'dfs-slice'; readonly maxPops: number; readonly discovered: readonly boolean[] }
  | { readonly type: 'dfs-donate'; readonly count: number }
  | { readonly type: 'simulate'; readonly request: SimulationRequest }
  | { readonly type: 'end' };

/** Per property found in a slice: BFS the popped state's id, DFS its path. */
export type Found = readonly [property: number, where: number | readonly number[]];

export interface SliceDone {
  readonly type: 'slice-done';
  readonly generated: number;
  readonly maxDepth: number;
  readonly found: readonly Found[];
  /** A popped state awaited nothing: the slice ended there (Stateright ends its block). */
  readonly notAwaiting: boolean;
  /** Jobs this worker still holds (BFS: of the current level). */
  readonly remaining: number;
  /** The shared table passed its hard load; the slice ended early. */
  readonly full: boolean;
  /** DFS: the depth of the worker's oldest job (the first it would donate), 0 with none. */
  readonly oldestDepth?: number;
}

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'grown' }
  | { readonly type: 'error'; readonly message: string }
  | SliceDone
  | { readonly type: 'bfs-survivors'; readonly parents: Int32Array; readonly actions: Int32Array; readonly bits: Uint32Array }
  /** `oldestDepth`: as in {@link SliceDone}, after the donation. */
  | { readonly type: 'dfs-donation'; readonly paths: readonly (readonly number[])[]; readonly bits: readonly number[]; readonly oldestDepth: number }
  | {
      readonly type: 'sim-done';
      readonly generated: number;
      readonly maxDepth: number;
      readonly timedOut: boolean;
      readonly discoveries: readonly (readonly number[] | undefined)[];
    };
