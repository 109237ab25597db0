/**
 * DFS on worker threads. Each worker runs Stateright's stack search on its own stack against the
 * shared visited set; an idle worker is fed half of the oldest jobs of the worker with the most
 * (as paths, replayed by the receiver; the oldest jobs are the shallowest, so replay is short and
 * their subtrees are the largest).
 *
 * What matches one thread. Which states are visited does not depend on the order of the search
 * (a state is expanded once, by whichever worker inserted it), so a complete run visits and
 * generates exactly the states the single thread does and finds the same always/sometimes
 * verdicts; every discovery is a real path. Two things do depend on the order, in Stateright too:
 * the depth at which a state is first reached (so the reported maximum depth, which for one
 * thread is a property of its exact stack order) and, through the path a state was first reached
 * by, the verdicts of eventually properties. Reproducing the sequential stack order exactly is
 * inherently sequential (lexicographic DFS order is P-complete); BFS on workers is exact in
 * every respect (parallel-bfs.ts). Internal.
 */
import { boundedInitStates } from './model.js';
import { growTable, PIPELINE, RunTally, type ParallelRun } from './parallel-run.js';
import type { SearchOutcome } from './search.js';
import { GROW_LOAD, INSERTED, SharedTable } from './shared-table.js';
import { stateFingerprinter } from './state-fingerprint.js';

/**
 * A worker shares its jobs only when its stack holds at least this many: a short stack means a
 * narrow, possibly very deep search (e.g. a chain of 30,000 states) where handing over a job costs
 * a replay as long as its path and gains little.
 */
const MIN_DONOR_STACK = 16;
/**
 * A shorter stack may still donate when its oldest job is at most this deep: the receiver's replay
 * is then cheap whatever the shape of the search, and small stacks are common in wide, shallow
 * searches (the single-copy register's DFS stack holds 10 to 30 jobs).
 */
const SHALLOW_DONATION = 64;

export async function dfsInWorkers<State, Action>(run: ParallelRun<State, Action>): Promise<SearchOutcome> {
  const { model, handles, mailbox } = run;
  const n = handles.length;
  const tally = new RunTally(run.opts, run.started, run.properties.length);
  const minDonorStack = run.tuning.minDonorStack ?? MIN_DONOR_STACK;
  const discoveries: (readonly number[] | undefined)[] = run.properties.map(() => undefined);

  const inits = boundedInitStates(model);
  let table = SharedTable.create(inits.length, false, run.tuning.minTableCapacity);
  const fp = new Uint32Array(2);
  const fingerprintState = stateFingerprinter(model, run.setup.symmetry && model.representative ? (s: State) => model.representative!(s) : undefined);
  const kept: number[] = [];
  inits.forEach((s, p) => {
    fingerprintState(s, fp);
    if (table.insert(fp[0], fp[1]) === INSERTED) kept.push(p);
  });
  table.flush();
  tally.generated = inits.length;

  const wanted = new Int32Array(new SharedArrayBuffer(4 * n));
  handles.forEach((h, w) => h.send({ type: 'setup', setup: { ...run.setup, table: table.buffers, donationWanted: { words: wanted.buffer, worker: w } } }));
  await mailbox.fromEach(n, 'ready');
  const stack = new Array<number>(n).fill(0);
  /** The depth of each worker's oldest job, as of its last slice or donation (inits: depth 1). */
  const oldestDepth = new Array<number>(n).fill(1);
  const canDonate = (d: number): boolean => stack[d] >= minDonorStack || (stack[d] >= 2 && oldestDepth[d] <= SHALLOW_DONATION);
  // Worker w gets inits w, w+n, ... in order, so that each pops its last one first.
  handles.forEach((h, w) => {
    const mine = kept.filter((_, q) => q % n === w);
    stack[w] = mine.length;
    h.send({ type: 'dfs-jobs', paths: mine.map((p) => [p]), bits: [] });
  });

  // Slices queued per worker: up to PIPELINE, so that a worker goes on without waiting for the
  // coordinator. `stack` is then the count after the last reported slice; a slice sent to a
  // worker whose stack has meanwhile run dry just reports an empty slice.
  const slicing = new Array<number>(n).fill(0);
  /** Worker d is donating to worker donatingTo[d] (-1: not donating). */
  const donatingTo = new Array<number>(n).fill(-1);
  const fed = new Array<boolean>(n).fill(false);
  let stop = false;
  let grow = false;
  const inFlight = (): boolean => slicing.some((s) => s > 0) || donatingTo.some((r) => r >= 0);
  const schedule = (): void => {
    if (stop || grow) return;
    for (let w = 0; w < n; w++) {
      while (slicing[w] < PIPELINE && stack[w] > 0) {
        handles[w].send({ type: 'dfs-slice', maxPops: run.sliceSize, discovered: tally.discovered });
        slicing[w]++;
      }
    }
    for (let w = 0; w < n; w++) {
      // Feed only a worker with no slice queued: a queued slice's report (`remaining`, taken as
      // the worker's whole stack) would otherwise arrive after the jobs handed over and erase
      // them from the count, and the run would end as complete with those jobs never expanded.
      if (stack[w] > 0 || fed[w] || slicing[w] > 0) continue;
      let donor = -1;
      for (let d = 0; d < n; d++) if (donatingTo[d] < 0 && canDonate(d) && (donor < 0 || stack[d] > stack[donor])) donor = d;
      if (donor < 0) break;
      handles[donor].send({ type: 'dfs-donate', count: stack[donor] >> 1 });
      // The donor ends the slice it is running at once (worker-dfs.ts), and any slice queued
      // before this request, and clears the word when it donates.
      Atomics.store(wanted, donor, 1);
      donatingTo[donor] = w;
      fed[w] = true;
    }
  };
  schedule();
  while (inFlight()) {
    const [w, m] = await mailbox.next();
    if (m.type === 'slice-done') {
      slicing[w]--;
      // Exact: a worker answers a donation request only after the slice it was running.
      stack[w] = m.remaining;
      oldestDepth[w] = m.oldestDepth ?? 0;
      tally.add(m, ([i, path]) => void (discoveries[i] ??= path as readonly number[]));
      tally.progress(table.count, stack.reduce((a, b) => a + b, 0));
      if (tally.shouldStop()) stop = true;
      if (m.full || table.count > table.capacity * GROW_LOAD) grow = true;
    } else if (m.type === 'dfs-donation') {
      const to = donatingTo[w];
      donatingTo[w] = -1;
      fed[to] = false;
      stack[w] -= m.paths.length;
      oldestDepth[w] = m.oldestDepth;
      stack[to] += m.paths.length;
      if (m.paths.length > 0) handles[to].send({ type: 'dfs-jobs', paths: m.paths, bits: m.bits });
    } else throw new Error(`checker worker ${w}: unexpected ${m.type}`);
    if (grow && !stop && !inFlight()) {
      table = await growTable(table, handles, mailbox);
      grow = false;
    }
    schedule();
  }

  return {
    generated: tally.generated,
    unique: table.count,
    maxDepth: tally.maxDepth,
    complete: !stop && stack.every((s) => s === 0),
    timedOut: tally.timedOut,
    discoveries: discoveries.map((d) => (d === undefined ? undefined : [...d])),
    visitedBytes: table.byteLength,
  };
}
