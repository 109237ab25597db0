/**
 * Quick refutation of long invalid histories, without exhausting every configuration before the
 * failing point.
 *
 * The search of linearizability.ts has reached the return of operation X (its frontier) and cannot
 * get past it yet. The history up to X's return is then refuted on a *relaxed window*: only the
 * operations that overlap [t0, X.return], for a t0 some way before, searched from every state the
 * model could be in at t0. The relaxation only adds freedom, so a refuted window refutes the
 * history:
 * - an operation that returned before t0 is left out (taken as placed before the window);
 * - a completed operation still pending at t0 or at X's return, other than X, becomes crashed
 *   (it may take effect at any point after its call, or never), so whether and where it took
 *   effect is left open;
 * - crashed operations invoked before t0 are all kept, as if none had been used yet, and each
 *   may take effect any number of times (so the search need not count them: see `reuseCrashed`);
 * - operations invoked after X's return are left out (a prefix is checked);
 * - the state at t0 is any state that any order could produce (`reachableStates`), each tried.
 * Every linearization of the history up to X's return, cut at t0, gives one of the relaxed
 * window's; so if none exists for any start state, none exists for the history, and X is the first
 * operation at which the prefix fails (the search already placed everything before it): Knossos's
 * `:op`. Windows of growing width are tried, each with a small budget, and last the whole prefix
 * (from the initial state, with only the reuse of crashed operations relaxed); a window that is
 * not refuted says nothing, and the main search goes on.
 */
import type { Operation, SequentialModel } from '../model.js';
import type { SearchBudget } from './budget.js';
import { searchLinearization } from './linearizability.js';

/** Events (calls and returns) before X's return that the windows span; then the whole prefix. */
const SPANS = [64, 512, 4096, Infinity];
/** Windows start from every possible state, so they are tried only when there are this few. */
const MAX_START_STATES = 8;

/**
 * Is the history up to X's return refuted on a relaxed window? `states` are the states any order
 * could produce (`reachableStates`); only models with a few states (registers) are tried: with many, a refutation from every start
 * state costs more than the search it would shorten. All the searches of one attempt share
 * `configurations` per start state.
 */
export function refuteBefore<S, I, O>(ops: readonly Operation<I, O>[], model: SequentialModel<S, I, O>, x: Operation<I, O>, states: readonly S[] | undefined, budget: SearchBudget, configurations: number, spans: readonly number[] = SPANS): boolean {
  const end = x.return;
  const times: number[] = [];
  for (const op of ops) {
    if (op.call < end) times.push(op.call);
    if (hasReturn(op) && op.return < end) times.push(op.return);
  }
  times.sort((a, b) => a - b);
  if (states === undefined || states.length > MAX_START_STATES) return false;
  const shared = budget.child(configurations * states.length);
  for (const span of spans) {
    const whole = span >= times.length;
    const window = relaxedWindow(ops, whole ? -Infinity : times[times.length - span], x);
    let timedOut = false;
    const refuted = (whole ? [model.init] : states).every((init) => {
      const start: SequentialModel<S, I, O> = Object.create(model, { init: { value: init } }) as SequentialModel<S, I, O>;
      const outcome = searchLinearization(window, start, shared, { refute: false, reuseCrashed: true })(Infinity);
      if (outcome.kind === 'unknown') timedOut = true;
      // A window that has a linearization from some start state refutes nothing.
      return outcome.kind === 'invalid' && outcome.op.id === x.id;
    });
    if (refuted) return true;
    if (timedOut || whole) return false; // out of time or configurations, or nothing wider to try
  }
  return false;
}

const hasReturn = (op: Operation<unknown, unknown>): boolean => op.status === 'ok' || (op.status !== 'info' && Number.isFinite(op.return));

function relaxedWindow<I, O>(ops: readonly Operation<I, O>[], start: number, x: Operation<I, O>): Operation<I, O>[] {
  const end = x.return;
  const window: Operation<I, O>[] = [];
  for (const op of ops) {
    if (op.call > end) continue;
    if (!hasReturn(op) || op === x) {
      window.push(op);
      continue;
    }
    if (op.return < start) continue;
    window.push(op.call < start || op.return >= end ? { ...op, status: 'info', return: Infinity } : op);
  }
  return window;
}
