/**
 * H|C, "H weakened outside C": the operations of C stay as recorded; every other operation may
 * or may not have taken effect, at one point within its own interval (a crashed one: any time
 * after its call), with any result its input allows. Weakening only adds possible orders, so if
 * H|C is invalid then H is, whatever the operations outside C did: the test is monotone in C,
 * which is what makes delta debugging over it exact.
 *
 * Failed operations certainly did not take effect and stay failed (the engine drops them).
 */
import { UNKNOWN } from '../model.js';
import type { Operation } from '../model.js';

/** One operation weakened: `ok` becomes `optional` within its interval, the output unknown. */
export function weaken<I, O>(op: Operation<I, O>): Operation<I, O> {
  if (op.status === 'fail') return op;
  return { ...op, status: op.status === 'ok' ? 'optional' : op.status, output: UNKNOWN };
}

/** H|C for the operations whose ids are in `kept`. */
export function weakenOutside<I, O>(history: readonly Operation<I, O>[], kept: ReadonlySet<number>): Operation<I, O>[] {
  return history.map((op) => (kept.has(op.id) ? op : weaken(op)));
}
