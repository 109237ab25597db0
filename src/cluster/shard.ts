/**
 * One shard of a cluster BFS, without the network: its visited table, its frontier, the
 * candidates received during a level, and the expansion of its frontier into records for the
 * owners of the successors. The session (shard-session.ts) moves the records. Internal.
 *
 * Why the counts equal the one-thread BFS. Level `d` expands exactly the states at depth `d`:
 * a successor becomes a depth-`d+1` state iff no earlier level has it, which the owner decides
 * from its visited table, where every state of depth ≤ `d` sits once level `d-1` is committed.
 * The set of states at each depth therefore equals the one-thread BFS's (that set does not
 * depend on any order), and so do the unique count, the generated count (the successors of all
 * expanded states), the depth and the always/sometimes verdicts (properties of the states alone).
 * Which parent a state keeps does depend on order: the owner keeps the smallest (parent
 * fingerprint, action index) among the level's records for it, so it is the same whatever the
 * timing and the shard count. The one thread keeps the first parent in its pop order instead;
 * both give a shortest path. Eventually properties follow bits inherited from that parent, so
 * their verdicts may differ from the one thread's (as they do for DFS on workers).
 *
 * Why dropping a recently sent successor is sound. A worker expands its frontier in ascending
 * fingerprint order and each state's actions in index order, so the first record it sends for a
 * fingerprint in a level carries the smallest (parent, action) it will produce for it; later
 * ones cannot win. A fingerprint sent in an earlier level is in its owner's visited table by now.
 * A level that is replayed (a worker was replaced) starts with empty caches, since the new owner
 * never saw what was sent during the aborted attempt.
 */
import { boundedInitStates, type Model } from '../checker/model.js';
import type { LivenessMode } from '../checker/liveness-check.js';
import type { Property } from '../checker/property.js';
import { NOT_AWAITING, PropertyChecks } from '../checker/property-checks.js';
import { slotOf } from '../checker/visited-set.js';
import { stateFingerprinter, type Fingerprinter } from '../checker/state-fingerprint.js';
import { FpTable } from './fp-table.js';
import { compareFp, KIND_BATCH, KIND_LOG, readHeader, RecordReader, RecordWriter, ROOT, type WireCodec } from './wire.js';

/** Records a worker gathers for one owner before sending them as one message. */
export const BATCH_BYTES = 64 * 1024;
/** Records per message of the shard log. */
const LOG_BYTES = 256 * 1024;
/** An expansion yields to the event loop at least this often (milliseconds). */
const YIELD_MS = 50;
/** Per destination: fingerprints recently sent (a direct-mapped cache). */
const CACHE_SLOTS = 1 << 14;

/** The owner of a fingerprint: its high word modulo the shard count. */
export function ownerOf(fp1: number, shards: number): number {
  return (fp1 >>> 0) % shards;
}

export interface LevelStats {
  /** States at this depth (popped, expanded or not). */
  popped: number;
  /** Successors within the boundary. */
  generated: number;
  /** Successors for another shard, and how many of those the send cache dropped. */
  remote: number;
  cacheDropped: number;
  /** Bytes of batches sent to other shards. */
  bytesSent: number;
  /** Per property with a discovery at this depth: the smallest fingerprint where it was found. */
  discoveries: [property: number, fp0: number, fp1: number][];
}

/** The output side of an expansion: called with each full batch for another shard. */
export type Emit = (owner: number, message: Uint8Array) => Promise<void>;

export class Shard<State, Action> {
  /** fingerprint → parent fingerprint (2 words) and action index (ROOT | init index for roots). */
  readonly visited = new FpTable(3);
  /** This level's candidates: parent (2), action, bits, payload offset, payload length. */
  private readonly pending = new FpTable(6);
  private payloads = new Uint8Array(1 << 16);
  private payloadEnd = 0;
  /** The states to expand next, as messages of records in ascending fingerprint order. */
  private frontier: Uint8Array[] = [];
  /** The next level as computed by {@link finishLevel}, until {@link commit}. */
  private tentative: Uint8Array[] | undefined;
  private readonly caches: Uint32Array[];
  /** Per owner: batches sent to it in this attempt of the level (the next batch's `seq`). */
  private readonly sentTo: number[];
  private readonly checks: PropertyChecks<State>;
  private readonly fingerprint: Fingerprinter<State>;
  private readonly out: RecordWriter[];

  constructor(
    private readonly model: Model<State, Action>,
    properties: readonly Property<State>[],
    private readonly codec: WireCodec<State>,
    readonly shard: number,
    readonly shards: number,
    private readonly targetMaxDepth: number,
    liveness: LivenessMode = 'sound',
  ) {
    // Properties decided on the explored graph await at every state here; the coordinator
    // decides them (coordinator.ts).
    this.checks = new PropertyChecks(properties, liveness);
    this.fingerprint = stateFingerprinter(model);
    this.caches = Array.from({ length: shards }, () => new Uint32Array(CACHE_SLOTS * 2));
    this.out = Array.from({ length: shards }, () => new RecordWriter(KIND_BATCH, shard));
    this.sentTo = new Array<number>(shards).fill(0);
  }

  /** Batches sent to `owner` in this attempt of the level: the count its end marker carries. */
  batchesSentTo(owner: number): number {
    return this.sentTo[owner];
  }

  get frontierSize(): number {
    return this.frontier.reduce((n, m) => n + readHeader(m).header.count, 0);
  }

  /** Depth 1: the init states this shard owns; of equal ones the first in the model's list. */
  loadInits(): void {
    const fp = new Uint32Array(2);
    const kept: [number, number, number, State][] = [];
    boundedInitStates(this.model).forEach((s, j) => {
      this.fingerprint(s, fp);
      if (ownerOf(fp[1], this.shards) !== this.shard) return;
      const slot = this.visited.slotFor(fp[0], fp[1]);
      if (!this.visited.added) return;
      this.visited.set(slot, 2, (ROOT | j) >>> 0);
      kept.push([fp[0], fp[1], j, s]);
    });
    kept.sort((a, b) => compareFp(a[0], a[1], b[0], b[1]));
    const w = new RecordWriter(KIND_LOG, this.shard);
    for (const [f0, f1, j, s] of kept) w.record(f0, f1, 0, 0, (ROOT | j) >>> 0, this.checks.allBits, (o) => this.codec.encode(s, o));
    this.frontier = [w.take(0, 0)];
  }

  /** Rebuilds the shard from its log: `levels[d]` holds the messages of the states at depth d+2. */
  restore(levels: readonly (readonly Uint8Array[])[]): void {
    this.loadInits();
    for (const messages of levels) {
      this.visit(messages);
      this.frontier = [...messages];
    }
  }

  /** Starts a level (or its replay): forgets candidates, and on a replay the send caches. */
  beginLevel(replay: boolean): void {
    this.pending.clear();
    this.payloadEnd = 0;
    this.tentative = undefined;
    for (const w of this.out) w.take(0, 0);
    this.sentTo.fill(0);
    if (replay) for (const c of this.caches) c.fill(0);
  }

  /**
   * Expands the frontier (states at depth `depth`), merging own successors directly and passing
   * full batches for other shards to `emit`. Stops early, returning undefined, when `aborted()`.
   */
  async expand(depth: number, epoch: number, discovered: readonly boolean[], emit: Emit, aborted: () => boolean): Promise<LevelStats | undefined> {
    const checks = this.checks;
    discovered.forEach((d, i) => (checks.discovered[i] = d));
    const stats: LevelStats = { popped: 0, generated: 0, remote: 0, cacheDropped: 0, bytesSent: 0, discoveries: [] };
    const best = new Map<number, [number, number]>();
    let here0 = 0;
    let here1 = 0;
    const found = (i: number): void => {
      const b = best.get(i);
      if (b === undefined || compareFp(here0, here1, b[0], b[1]) < 0) best.set(i, [here0, here1]);
    };
    const model = this.model;
    const boundary = model.withinBoundary ? (s: State) => model.withinBoundary!(s) : undefined;
    const actions: Action[] = [];
    const fp = new Uint32Array(2);
    const me = this.shard;
    const send = async (owner: number): Promise<void> => {
      const message = this.out[owner].take(depth, epoch, this.sentTo[owner]++);
      stats.bytesSent += message.length;
      await emit(owner, message);
    };
    let lastYield = Date.now();
    for (const chunk of this.frontier) {
      const { header, bytes } = readHeader(chunk);
      const r = new RecordReader(bytes, header.count);
      while (r.next()) {
        stats.popped++;
        // Let the session beat, answer and merge incoming batches while a long level runs.
        if ((stats.popped & 63) === 0 && Date.now() - lastYield >= YIELD_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
          if (aborted()) return undefined;
        }
        if (depth >= this.targetMaxDepth) continue;
        const state = this.codec.decode(bytes, r.payloadOffset, r.payloadLength);
        here0 = r.fp0;
        here1 = r.fp1;
        const bits = checks.evaluate(state, r.bits, found);
        if (bits === NOT_AWAITING) continue;
        actions.length = 0;
        model.actions(state, actions);
        let terminal = true;
        for (let idx = 0; idx < actions.length; idx++) {
          const next = model.nextState(state, actions[idx]);
          if (next === undefined) continue;
          if (boundary !== undefined && !boundary(next)) continue;
          stats.generated++;
          terminal = false;
          this.fingerprint(next, fp);
          const owner = ownerOf(fp[1], this.shards);
          if (owner === me) {
            this.offer(fp[0], fp[1], here0, here1, idx, bits, next);
            continue;
          }
          stats.remote++;
          const cache = this.caches[owner];
          const c = (slotOf(fp[0], fp[1]) & (CACHE_SLOTS - 1)) << 1;
          if (cache[c] === fp[0] && cache[c + 1] === fp[1]) {
            stats.cacheDropped++;
            continue;
          }
          cache[c] = fp[0];
          cache[c + 1] = fp[1];
          const w = this.out[owner];
          w.record(fp[0], fp[1], here0, here1, idx, bits, (o) => this.codec.encode(next, o));
          if (w.length >= BATCH_BYTES) {
            await send(owner);
            if (aborted()) return undefined;
          }
        }
        if (terminal) checks.terminal(bits, found);
      }
    }
    for (let owner = 0; owner < this.shards; owner++) {
      if (owner !== me && this.out[owner].count > 0) {
        await send(owner);
        if (aborted()) return undefined;
      }
    }
    stats.discoveries = [...best].sort((a, b) => a[0] - b[0]).map(([i, [f0, f1]]) => [i, f0, f1]);
    return stats;
  }

  /** Merges a batch of records from another shard (already checked to be of this level). */
  merge(bytes: Uint8Array, count: number): void {
    const r = new RecordReader(bytes, count);
    while (r.next()) this.candidate(r.fp0, r.fp1, r.parent0, r.parent1, r.action, r.bits, bytes, r.payloadOffset, r.payloadLength);
  }

  /**
   * The level's new states, sorted, as log messages; they become the frontier and enter the
   * visited table at {@link commit}.
   */
  finishLevel(depth: number, epoch: number): Uint8Array[] {
    const slots: [number, number, number][] = [];
    this.pending.forEach((slot, f0, f1) => slots.push([f0, f1, slot]));
    slots.sort((a, b) => compareFp(a[0], a[1], b[0], b[1]));
    const p = this.pending;
    const w = new RecordWriter(KIND_LOG, this.shard);
    const messages: Uint8Array[] = [];
    for (const [f0, f1, s] of slots) {
      const at = p.get(s, 4);
      const n = p.get(s, 5);
      w.record(f0, f1, p.get(s, 0), p.get(s, 1), p.get(s, 2), p.get(s, 3), (o) => {
        o.bytes(this.payloads.subarray(at, at + n));
        return n;
      });
      if (w.length >= LOG_BYTES) messages.push(w.take(depth, epoch, messages.length));
    }
    if (w.count > 0 || messages.length === 0) messages.push(w.take(depth, epoch, messages.length));
    this.tentative = messages;
    return messages;
  }

  /** The level's new states become the visited table's and the next frontier. */
  commit(): number {
    const next = this.tentative;
    if (next === undefined) throw new Error('commit without a finished level');
    const added = this.visit(next);
    this.frontier = next;
    this.tentative = undefined;
    this.pending.clear();
    this.payloadEnd = 0;
    return added;
  }

  /** Enters the records of `messages` (a level's new states) into the visited table; returns their number. */
  private visit(messages: readonly Uint8Array[]): number {
    let n = 0;
    for (const m of messages) {
      const { header, bytes } = readHeader(m);
      const r = new RecordReader(bytes, header.count);
      while (r.next()) {
        const slot = this.visited.slotFor(r.fp0, r.fp1);
        this.visited.set(slot, 0, r.parent0);
        this.visited.set(slot, 1, r.parent1);
        this.visited.set(slot, 2, r.action);
        n++;
      }
    }
    return n;
  }

  get hasTentative(): boolean {
    return this.tentative !== undefined;
  }

  /** The parent link of a visited state: `[parent0, parent1, action]`, or undefined. */
  parentOf(fp0: number, fp1: number): [number, number, number] | undefined {
    const s = this.visited.find(fp0, fp1);
    return s < 0 ? undefined : [this.visited.get(s, 0), this.visited.get(s, 1), this.visited.get(s, 2)];
  }

  /** Bytes held by the tables (not the frontier). */
  get byteLength(): number {
    return this.visited.byteLength + this.pending.byteLength + this.payloads.byteLength;
  }

  private readonly scratch = new RecordWriter(KIND_BATCH, 0);

  private offer(f0: number, f1: number, p0: number, p1: number, action: number, bits: number, state: State): void {
    if (this.visited.find(f0, f1) >= 0) return;
    const slot = this.pending.find(f0, f1);
    if (slot >= 0) {
      this.improve(slot, p0, p1, action, bits);
      return;
    }
    const w = this.scratch;
    w.take(0, 0);
    w.record(f0, f1, p0, p1, action, bits, (o) => this.codec.encode(state, o));
    const message = w.take(0, 0);
    const r = new RecordReader(message, 1);
    r.next();
    this.candidate(f0, f1, p0, p1, action, bits, message, r.payloadOffset, r.payloadLength);
  }

  /** A record for a state of this shard: kept if new, with the smallest (parent, action). */
  private candidate(f0: number, f1: number, p0: number, p1: number, action: number, bits: number, bytes: Uint8Array, at: number, n: number): void {
    if (this.visited.find(f0, f1) >= 0) return;
    const p = this.pending;
    const slot = p.slotFor(f0, f1);
    if (!p.added) {
      this.improve(slot, p0, p1, action, bits);
      return;
    }
    p.set(slot, 0, p0);
    p.set(slot, 1, p1);
    p.set(slot, 2, action);
    p.set(slot, 3, bits);
    if (this.payloadEnd + n > this.payloads.length) {
      let size = this.payloads.length * 2;
      while (size < this.payloadEnd + n) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.payloads.subarray(0, this.payloadEnd));
      this.payloads = grown;
    }
    this.payloads.set(bytes.subarray(at, at + n), this.payloadEnd);
    p.set(slot, 4, this.payloadEnd);
    p.set(slot, 5, n);
    this.payloadEnd += n;
  }

  private improve(slot: number, p0: number, p1: number, action: number, bits: number): void {
    const p = this.pending;
    const c = compareFp(p0, p1, p.get(slot, 0), p.get(slot, 1));
    if (c < 0 || (c === 0 && action >>> 0 < p.get(slot, 2))) {
      p.set(slot, 0, p0);
      p.set(slot, 1, p1);
      p.set(slot, 2, action);
      p.set(slot, 3, bits);
    }
  }
}
