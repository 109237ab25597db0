/**
 * Random small concurrent histories for differential tests. Each process runs one op at a
 * time; completions are ok (output from a true object, sometimes corrupted, so that both valid
 * and invalid histories occur), indeterminate (the process then stops, as in Jepsen) or failed.
 */
import fc from 'fast-check';
import { UNKNOWN } from '../../consistency/model.js';
import type { Operation } from '../../consistency/model.js';
import type { Value } from '../../consistency/value.js';

export interface OpSpec<I> {
  readonly input: I;
  /** The output a correct object in `state` gives, and the state after. */
  readonly run: (state: Value) => { output: Value; next: Value };
  /** A plausible wrong output, for corruption. */
  readonly wrong: Value;
}

export interface Workload<I> {
  readonly init: Value;
  readonly op: fc.Arbitrary<OpSpec<I>>;
}

interface Script<I> {
  readonly processes: number;
  readonly steps: { process: number; op: OpSpec<I>; ending: 'ok' | 'corrupt' | 'info' | 'fail' }[];
  readonly interleaving: number[];
}

export function historyArbitrary<I>(workload: Workload<I>, maxLength = 8): fc.Arbitrary<Operation<I, Value>[]> {
  return fc
    .record({
      processes: fc.integer({ min: 2, max: 4 }),
      steps: fc.array(
        fc.record({
          process: fc.nat(),
          op: workload.op,
          ending: fc.constantFrom<'ok' | 'corrupt' | 'info' | 'fail'>('ok', 'ok', 'ok', 'ok', 'corrupt', 'info', 'fail'),
        }),
        { minLength: 1, maxLength },
      ),
      interleaving: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
    })
    .map((script: Script<I>) => build(workload.init, script));
}

function build<I>(init: Value, script: Script<I>): Operation<I, Value>[] {
  const queues: Script<I>['steps'][] = Array.from({ length: script.processes }, () => []);
  for (const step of script.steps) queues[step.process % script.processes].push(step);
  const ops: Operation<I, Value>[] = [];
  const open = new Map<number, { step: Script<I>['steps'][number]; call: number }>();
  const stopped = new Set<number>();
  let state = init;
  let clock = 0;
  let choice = 0;
  for (;;) {
    const ready = queues.map((q, p) => p).filter((p) => !stopped.has(p) && (open.has(p) || queues[p].length > 0));
    if (ready.length === 0) break;
    const p = ready[script.interleaving[choice++ % script.interleaving.length] % ready.length];
    const current = open.get(p);
    if (!current) {
      open.set(p, { step: queues[p].shift() as Script<I>['steps'][number], call: clock++ });
      continue;
    }
    open.delete(p);
    const { step, call } = current;
    const id = ops.length;
    if (step.ending === 'fail') {
      ops.push({ id, process: p, input: step.op.input, output: UNKNOWN, status: 'fail', call, return: clock++ });
    } else if (step.ending === 'info') {
      // It may or may not take effect; the true object applies it half the time.
      if (id % 2 === 0) state = step.op.run(state).next;
      ops.push({ id, process: p, input: step.op.input, output: UNKNOWN, status: 'info', call, return: Infinity });
      stopped.add(p);
    } else {
      const { output, next } = step.op.run(state);
      state = next;
      ops.push({ id, process: p, input: step.op.input, output: step.ending === 'corrupt' ? step.op.wrong : output, status: 'ok', call, return: clock++ });
    }
  }
  return ops;
}
