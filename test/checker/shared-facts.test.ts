/** The facts checker workers share: keys with zero halves, bits added, a full table that stops taking keys. */
import { describe, expect, it } from 'vitest';
import { SharedFacts } from '../../src/checker/shared-facts.js';

describe('SharedFacts', () => {
  it('records bits per 64-bit key, including keys with a zero half', () => {
    const facts = SharedFacts.create(16);
    expect(facts.get(0, 7)).toBe(0);
    facts.add(0, 7, 1);
    facts.add(7, 0, 2);
    facts.add(0, 7, 4);
    expect(facts.get(0, 7)).toBe(5);
    expect(facts.get(7, 0)).toBe(2);
    expect(facts.get(7, 7)).toBe(0);
    // A second view of the same buffer (another thread's) sees the same facts.
    expect(new SharedFacts(facts.buffer).get(0, 7)).toBe(5);
  });

  it('stops taking new keys at 3/4 load but keeps answering for the ones it has', () => {
    const facts = SharedFacts.create(16);
    for (let k = 1; k <= 20; k++) facts.add(k, k * 31, 1);
    const kept = Array.from({ length: 20 }, (_, i) => facts.get(i + 1, (i + 1) * 31)).filter((b) => b === 1).length;
    expect(kept).toBe(12);
    facts.add(1, 31, 2);
    expect(facts.get(1, 31)).toBe(3);
  });

  it('wants a power-of-two size', () => {
    expect(() => SharedFacts.create(12)).toThrow(/power of two/);
  });
});
