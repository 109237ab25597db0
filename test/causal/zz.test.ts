import fc from 'fast-check';
import { it } from 'vitest';
it('x', () => {
  const rawOp = fc.record({ session: fc.integer({ min: 0, max: 2 }), write: fc.boolean(), key: fc.constantFrom('x', 'y'), pick: fc.integer({ min: 0, max: 19 }) });
  const samples = fc.sample(fc.array(rawOp, { minLength: 2, maxLength: 12 }), { numRuns: 5, seed: 15 });
  console.log(JSON.stringify(samples.slice(0,3)));
});
