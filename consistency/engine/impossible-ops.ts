/**
 * A quick refutation that needs no search: an operation that is illegal in every state the
 * operations could produce in any order at all (a read of a value nobody wrote, say) makes the
 * history invalid under every consistency condition.
 *
 * The states reachable by applying the history's operations in any order, any number of times,
 * over-approximate those of every real order, so an operation rejected in all of them is
 * rejected in every order. The closure is only computed while it stays small (registers and
 * CAS registers: one state per written value); for models whose states multiply (queues, sets)
 * it gives up and the search decides alone.
 *
 * Refuting sequential consistency by search alone is exponential in the number of processes
 * (the real-time order prunes nothing), which is why the sequential search asks this first.
 */
import { ILLEGAL, UNKNOWN, type Operation, type SequentialModel } from '../model.js';

/** Past this many distinct states the closure is abandoned. */
const MAX_STATES = 1024;
/** Past this many model steps the closure is abandoned (states × distinct operations). */
const MAX_STEPS = 500_000;

/**
 * The earliest-returning completed operation that no order can place, or undefined when there
 * is none or the closure grew too large to tell.
 */
export function findImpossibleOp<S, I, O>(ops: readonly Operation<I, O>[], model: SequentialModel<S, I, O>): Operation<I, O> | undefined {
  const states = reachableStates(ops, model);
  if (states === undefined) return undefined;
  let impossible: Operation<I, O> | undefined;
  for (const op of ops) {
    if (op.status !== 'ok' || (impossible !== undefined && op.return >= impossible.return)) continue;
    if (states.every((s) => model.step(s, op.input, op.output) === ILLEGAL)) impossible = op;
  }
  return impossible;
}

/**
 * For each operation, 1 when it is an *observer*: in every state that any order could produce,
 * it is either impossible or leaves the state unchanged (a read, a cas that expects and writes
 * the same value). All zeros when the closure grew too large to tell. The linearizability search
 * places a possible observer at once (see linearizability.ts), which needs exactly this: wherever
 * else it could be placed later, it would change nothing there either.
 */
export function findObservers<S, I, O>(ops: readonly Operation<I, O>[], model: SequentialModel<S, I, O>): Uint8Array {
  const observer = new Uint8Array(ops.length);
  // Only worth it on long partitions, and only while the states are few (registers); a closure
  // over growing states (queues) would cost more than the search it speeds up.
  if (ops.length < 32) return observer;
  // The closure first (it keeps one operation per distinct effect itself): on models whose states
  // multiply it gives up after a few steps, and the effects need not be compared again.
  const states = reachableStates(ops, model, Math.min(MAX_STEPS, 200 + 20 * ops.length), 32);
  if (states === undefined) return observer;
  const isObserver = (op: Operation<I, O>): number =>
    states.every((s) => {
      const after = model.step(s, op.input, op.output);
      return after === ILLEGAL || model.equals(after, s);
    })
      ? 1
      : 0;
  // One verdict per distinct effect (a step depends on nothing else).
  const byKey = new Map<string, number>();
  ops.forEach((op, i) => {
    const key = effectKey(op);
    let verdict = key === undefined ? undefined : byKey.get(key);
    if (verdict === undefined) {
      verdict = isObserver(op);
      if (key !== undefined) byKey.set(key, verdict);
    }
    observer[i] = verdict;
  });
  return observer;
}

/** The input and output as text, or undefined when they are not plain data. */
function effectKey<I, O>(op: Operation<I, O>): string | undefined {
  try {
    return JSON.stringify([op.input, op.output === UNKNOWN ? '?' : [op.output]]);
  } catch {
    return undefined;
  }
}

/** The operations with distinct inputs and outputs (a step depends on nothing else). */
function distinctEffects<I, O>(ops: readonly Operation<I, O>[]): Operation<I, O>[] {
  const seen = new Set<string>();
  const out: Operation<I, O>[] = [];
  for (const op of ops) {
    if (op.status === 'fail') continue;
    const key = effectKey(op); // undefined: not plain data, kept
    if (key !== undefined && seen.has(key)) continue;
    if (key !== undefined) seen.add(key);
    out.push(op);
  }
  return out;
}

/**
 * The states reachable by applying the operations in any order, any number of times (an
 * over-approximation of every state of every real order), or undefined when there are too many.
 */
export function reachableStates<S, I, O>(history: readonly Operation<I, O>[], model: SequentialModel<S, I, O>, maxSteps = MAX_STEPS, maxStates = MAX_STATES): S[] | undefined {
  const ops = distinctEffects(history);
  const states: S[] = [model.init];
  const byHash = new Map<number, S[]>([[model.hash(model.init), [model.init]]]);
  let steps = 0;
  for (let next = 0; next < states.length; next++) {
    const s = states[next];
    for (const op of ops) {
      if (++steps > maxSteps) return undefined;
      const after = model.step(s, op.input, op.output);
      if (after === ILLEGAL) continue;
      const h = model.hash(after);
      const bucket = byHash.get(h);
      if (bucket?.some((t) => model.equals(t, after))) continue;
      if (states.length >= maxStates) return undefined;
      states.push(after);
      if (bucket) bucket.push(after);
      else byHash.set(h, [after]);
    }
  }
  return states;
}
