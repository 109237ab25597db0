/**
 * BFS on worker threads, level by level, reproducing the single-threaded BFS exactly: the same
 * states get the same parents, ids, eventually bits and discoveries, so a complete run has the
 * same counts, depth and verdicts, and each discovery is the same shortest path.
 *
 * Why it is exact. The single-threaded BFS pops the states of a level in a fixed order (its
 * ids here: pop-order positions; init states are popped last-first, so init `q` of `k` gets id
 * `k-1-q`) and a new state belongs to the first (parent, action) that generates it in that
 * order. The workers split a level between them and expand their states in ascending id order.
 * Each successor is claimed in the shared table with its parent's id; a smaller id takes the
 * claim over ({@link SharedTable.claim}), so when the level ends the claim names exactly the
 * parent the single thread would have used, whatever the timing. Each worker keeps the successors
 * it still owns; the coordinator numbers them by parent id, then action index (each list is in
 * that order, being generated in id order: {@link numberSurvivors}), which is the single thread's
 * insertion and pop order for the next level. A discovery is reported with the id of the popped
 * state and the smallest id wins, as "first popped" does in the single thread. Claims left from
 * earlier levels are smaller than the level's first id, so they read as "already visited".
 *
 * What the workers exchange: slices of up to 2,048 pops (the batches), a slice's counts
 * and discoveries, and at each level's end the survivors' (parent, action) pairs as typed arrays.
 * States never cross threads. Internal.
 */
import { boundedInitStates } from './model.js';
import { growTable, PIPELINE, RunTally, type ParallelRun } from './parallel-run.js';
import { GROW_LOAD, INSERTED, SharedTable } from './shared-table.js';
import type { SearchOutcome } from './search.js';
import { stateFingerprinter } from './state-fingerprint.js';
import { ParentRecords } from './visited-set.js';


export async function bfsInWorkers<State, Action>(run: ParallelRun<State, Action>): Promise<SearchOutcome> {
  const { model, handles, mailbox } = run;
  const n = handles.length;
  const records = new ParentRecords();
  const tally = new RunTally(run.opts, run.started, run.properties.length);
  const best: number[] = run.properties.map(() => -1);

  const inits = boundedInitStates(model);
  let table = SharedTable.create(inits.length, true, run.tuning.minTableCapacity);
  const fp = new Uint32Array(2);
  const kept: number[] = [];
  const fingerprintState = stateFingerprinter(model);
  inits.forEach((s, p) => {
    fingerprintState(s, fp);
    if (table.claim(fp[0], fp[1], -1, 0) === INSERTED) kept.push(p);
  });
  table.flush();
  tally.generated = inits.length;
  const k = kept.length;
  kept.forEach((p, q) => records.set(k - 1 - q, -1, p));

  for (const h of handles) h.send({ type: 'setup', setup: { ...run.setup, table: table.buffers } });
  await mailbox.fromEach(n, 'ready');
  const remaining = new Array<number>(n).fill(0);
  const shares = handles.map(() => ({ positions: [] as number[], ids: [] as number[] }));
  for (let id = 0; id < k; id++) {
    const share = shares[id % n];
    share.positions.push(kept[k - 1 - id]);
    share.ids.push(id);
    remaining[id % n]++;
  }
  handles.forEach((h, w) => h.send({ type: 'bfs-inits', ...shares[w] }));

  let level = 1;
  let levelStart = 0;
  let levelSize = k;
  let complete = false;
  for (;;) {
    // Expand the level in slices, growing the table between slices when it fills. Each worker
    // has up to PIPELINE slices queued, so it starts the next one without waiting for the
    // coordinator (which shares the cores with the workers and may be slow to wake up).
    const queued = new Array<number>(n).fill(0);
    let inFlight = 0;
    let stop = false;
    let grow = false;
    const dispatch = (w: number): void => {
      while (queued[w] < PIPELINE && remaining[w] > queued[w] * run.sliceSize && !stop && !grow) {
        handles[w].send({ type: 'bfs-slice', maxPops: run.sliceSize, level, levelStart, discovered: tally.discovered });
        queued[w]++;
        inFlight++;
      }
    };
    for (let w = 0; w < n; w++) dispatch(w);
    while (inFlight > 0) {
      const [w, m] = await mailbox.next();
      if (m.type !== 'slice-done') throw new Error(`checker worker ${w}: unexpected ${m.type}`);
      inFlight--;
      queued[w]--;
      remaining[w] = m.remaining;
      tally.add(m, ([i, id]) => {
        if (best[i] < 0 || (id as number) < best[i]) best[i] = id as number;
      });
      tally.progress(table.count, remaining.reduce((a, b) => a + b, 0));
      if (tally.shouldStop()) stop = true;
      if (m.full || table.count > table.capacity * GROW_LOAD) grow = true;
      if (grow && inFlight === 0 && !stop) {
        table = await growTable(table, handles, mailbox);
        grow = false;
        for (let v = 0; v < n; v++) dispatch(v);
      } else dispatch(w);
    }
    if (stop && remaining.some((r) => r > 0)) break;

    // The level is done: keep each worker's surviving claims and number them in pop order.
    for (const h of handles) h.send({ type: 'bfs-end-level' });
    const survivors = await mailbox.fromEach(n, 'bfs-survivors');
    const nextStart = levelStart + levelSize;
    const ids = numberSurvivors(survivors, levelStart, levelSize, nextStart, records);
    const next = nextStart + ids.reduce((sum, a) => sum + a.length, 0);
    // Even out the next level: a worker keeps what it claimed, so without moves one init state
    // would leave every other worker idle for the whole run.
    const moves = planBalance(ids.map((a) => a.length), Math.min(16, run.sliceSize));
    const giveAway = new Array<number>(n).fill(0);
    for (const m of moves) giveAway[m.from] += m.count;
    const cursor = ids.map((a, w) => a.length - giveAway[w]);
    const adoptions = moves.map((m) => {
      const moved = movedStates(records, ids[m.from], survivors[m.from].bits, cursor[m.from], m.count);
      cursor[m.from] += m.count;
      return { to: m.to, ...moved };
    });
    handles.forEach((h, w) => {
      remaining[w] = ids[w].length - giveAway[w];
      h.send({ type: 'bfs-ids', ids: ids[w], giveAway: giveAway[w] }, [ids[w].buffer as ArrayBuffer]);
    });
    for (const a of adoptions) {
      remaining[a.to] += a.ids.length;
      handles[a.to].send({ type: 'bfs-adopt', ids: a.ids, paths: a.paths, offsets: a.offsets, bits: a.bits }, [a.ids.buffer, a.paths.buffer, a.offsets.buffer, a.bits.buffer]);
    }
    if (next === nextStart) {
      complete = true;
      break;
    }
    if (stop) break;
    levelStart = nextStart;
    levelSize = next - nextStart;
    level++;
  }

  return {
    generated: tally.generated,
    unique: table.count,
    maxDepth: tally.maxDepth,
    complete,
    timedOut: tally.timedOut,
    discoveries: best.map((id) => (id < 0 ? undefined : records.pathIndices(id))),
    visitedBytes: table.byteLength + records.byteLength,
  };
}

/**
 * Gives the survivors of a level their ids, in the single thread's pop order for the next level,
 * and records their parent links. That order is by parent id, and by action index among one
 * parent's successors. Each parent was expanded by one worker, which lists all its surviving
 * successors together and in action order, so a count of survivors per parent gives each parent's
 * first id, and the worker's order gives the rest: no merge across the workers' lists is needed.
 */
export function numberSurvivors(
  survivors: readonly { readonly parents: Int32Array; readonly actions: Int32Array }[],
  levelStart: number,
  levelSize: number,
  nextStart: number,
  records: ParentRecords,
): Int32Array[] {
  // firstId[p]: how many survivors have a parent before level position p (then a running cursor).
  const firstId = new Int32Array(levelSize + 1);
  for (const { parents } of survivors) for (let k = 0; k < parents.length; k++) firstId[parents[k] - levelStart + 1]++;
  for (let p = 1; p <= levelSize; p++) firstId[p] += firstId[p - 1];
  return survivors.map(({ parents, actions }) => {
    const ids = new Int32Array(parents.length);
    for (let k = 0; k < parents.length; k++) {
      const id = nextStart + firstId[parents[k] - levelStart]++;
      ids[k] = id;
      records.set(id, parents[k], actions[k]);
    }
    return ids;
  });
}

export interface Move {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/**
 * Moves that bring every worker to within a small slack of an equal share of the next level.
 * Moving a state costs its receiver a replay of the part of its path not shared with the
 * previous moved state, about one step per state: far less than the expansion it balances.
 * A donor gives from the end of its list; its moves are listed in the order their chunks sit
 * at that end (the first move takes the earliest of the given-away states).
 */
export function planBalance(counts: readonly number[], minSlack: number): Move[] {
  const n = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  const share = (w: number): number => Math.floor(total / n) + (w < total % n ? 1 : 0);
  // A 2% (at least `minSlack`) imbalance is left alone. The coordinator passes 16, or the slice
  // size when tests make slices tiny, so that small test graphs move states at most levels.
  const slack = Math.max(minSlack, Math.floor(total / n / 50));
  const surplus = counts.map((c, w) => c - share(w));
  if (!surplus.some((s) => s > slack)) return [];
  const moves: Move[] = [];
  for (let d = 0; d < n; d++) {
    for (let r = 0; r < n && surplus[d] > 0; r++) {
      if (surplus[r] >= 0) continue;
      const count = Math.min(surplus[d], -surplus[r]);
      moves.push({ from: d, to: r, count });
      surplus[d] -= count;
      surplus[r] += count;
    }
  }
  return moves;
}

/** The ids, paths (end to end, with offsets) and bits of `count` states from position `from`. */
function movedStates(records: ParentRecords, ids: Int32Array, bits: Uint32Array, from: number, count: number) {
  const moved = ids.slice(from, from + count);
  const pathList = Array.from(moved, (id) => records.pathIndices(id));
  const offsets = new Int32Array(count + 1);
  pathList.forEach((p, k) => (offsets[k + 1] = offsets[k] + p.length));
  const paths = new Int32Array(offsets[count]);
  pathList.forEach((p, k) => paths.set(p, offsets[k]));
  return { ids: moved, paths, offsets, bits: bits.slice(from, from + count) };
}
