/**
 * `npm run bench` (first part): the checking engine on generated histories — 1,000 operations,
 * 8 processes, 10% indeterminate — for the register and the CAS register, linearizability and
 * sequential consistency. Prints the median of 5 runs and the configurations explored.
 */
import { checkHistory } from '../consistency/engine/check.js';
import type { Consistency } from '../consistency/check-result.js';
import { casRegisterModel, registerModel } from '../consistency/models/index.js';
import { generateRegisterHistory } from './generated-histories.js';
import { median, peakRssMb, timeRuns } from './stats.js';

const RUNS = 5;
const cases: { name: string; withCas: boolean }[] = [
  { name: 'register', withCas: false },
  { name: 'cas-register', withCas: true },
];

console.log(`engine: generated histories, 1,000 ops, 8 processes, 10% indeterminate; median of ${RUNS} runs`);
for (const { name, withCas } of cases) {
  for (const consistency of ['linearizable', 'sequential'] as Consistency[]) {
    for (const [seed, corrupt] of [[1, false], [2, false], [3, false], [1, true], [2, true]] as const) {
      const generated = generateRegisterHistory({ ops: 1000, processes: 8, indeterminate: 0.1, withCas, seed });
      // A corrupted copy: one read early on (op 150) returns a value no one wrote, so it is invalid.
      const victim = generated.findIndex((op, i) => i >= 150 && op.status === 'ok' && op.input.f === 'read');
      const history = corrupt ? generated.map((op, i) => (i === victim ? { ...op, output: 99 } : op)) : generated;
      const model = withCas ? casRegisterModel(0) : registerModel(0);
      let verdict = '';
      let configurations = 0;
      const times = timeRuns(RUNS, () => {
        // Refuting sequential consistency by search means exhausting every interleaving of the
        // processes' programs (no real-time pruning), which is exponential, so those rows stay
        // time-bounded; this corruption (a value nobody wrote) is caught without that search.
        const result = checkHistory(history, model, consistency, { timeoutMs: corrupt && consistency === 'sequential' ? 5_000 : 60_000 });
        verdict = String(result.valid);
        configurations = result.stats.configurations;
      });
      console.log(
        `  ${name.padEnd(13)} ${consistency.padEnd(13)} seed ${seed}${corrupt ? ' corrupted' : '          '}: ${median(times).toFixed(1).padStart(8)} ms  ` +
          `valid=${verdict}  configurations=${configurations}`,
      );
    }
  }
}
console.log(`  peak RSS ${peakRssMb().toFixed(0)} MB`);
