/**
 * Random simulation: repeated random walks from random init states. No visited set, so every
 * generated state counts as unique. A walk ends at a terminal state (no enabled successor), at the
 * depth limit, or when it returns to a state it already visited (a cycle). Reproducible: the walk
 * choices come from a seeded PRNG.
 */
import { fingerprint } from './fingerprint.js';
import { boundedInitStates, type Model } from './model.js';
import type { ResolvedOptions } from './options.js';
import { progressSnapshot } from './progress.js';
import type { Property } from './property.js';
import type { SearchOutcome } from './search.js';

/** mulberry32: small, fast, good enough to pick actions. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function simulate<State, Action>(
  model: Model<State, Action>,
  properties: readonly Property<State>[],
  opts: ResolvedOptions<State>,
): SearchOutcome {
  if (opts.targetStateCount === Infinity && opts.deadline === Infinity) {
    throw new Error('simulation never ends by itself: set targetStateCount or timeoutMs');
  }
  const started = Date.now();
  const random = seededRandom(opts.seed);
  const inits = boundedInitStates(model);
  const discoveries: (number[] | undefined)[] = properties.map(() => undefined);
  const discovered = properties.map(() => false);
  const record = (i: number, path: number[]): void => {
    if (discoveries[i] === undefined) discoveries[i] = [...path];
    discovered[i] = true;
  };
  let generated = 0;
  let maxDepth = 0;
  let timedOut = false;
  let lastProgress = started;
  const actions: Action[] = [];

  while (inits.length > 0) {
    const initIndex = Math.floor(random() * inits.length);
    let state = inits[initIndex];
    generated++;
    const path = [initIndex];
    const seenOnTrace = new Set<string>();
    const pending = new Set(properties.flatMap((p, i) => (p.expectation === 'eventually' ? [i] : [])));
    for (;;) {
      const depth = path.length;
      if (depth > maxDepth) maxDepth = depth;
      if (depth >= opts.targetMaxDepth) break;
      if (opts.visitor) {
        const snapshot = [...path];
        opts.visitor(state, { depth, pathIndices: () => snapshot });
      }
      properties.forEach((p, i) => {
        if (p.expectation === 'always' && !p.condition(state)) record(i, path);
        else if (p.expectation === 'sometimes' && p.condition(state)) record(i, path);
        else if (p.expectation === 'eventually' && p.condition(state)) pending.delete(i);
      });
      seenOnTrace.add(fingerprint(state));
      actions.length = 0;
      model.actions(state, actions);
      const successors: [number, State][] = [];
      actions.forEach((a, idx) => {
        const next = model.nextState(state, a);
        if (next !== undefined && (!model.withinBoundary || model.withinBoundary(next))) successors.push([idx, next]);
      });
      if (successors.length === 0) {
        for (const i of pending) record(i, path);
        break;
      }
      const [idx, next] = successors[Math.floor(random() * successors.length)];
      generated++;
      path.push(idx);
      state = next;
      if (seenOnTrace.has(fingerprint(state))) break;
    }

    const now = Date.now();
    if (opts.onProgress && now - lastProgress >= opts.progressIntervalMs) {
      lastProgress = now;
      opts.onProgress(progressSnapshot(generated, generated, maxDepth, 0, now - started));
    }
    if (opts.finished(discovered)) break;
    if (generated >= opts.targetStateCount) break;
    if (now >= opts.deadline) {
      timedOut = true;
      break;
    }
  }
  return { generated, unique: generated, maxDepth, complete: false, timedOut, discoveries };
}
