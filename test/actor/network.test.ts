/** Network values: deliverable envelopes of a multiset list equal copies once (by value, not identity). */
import { describe, expect, it } from 'vitest';
import { deliverable, type Network } from '../../src/actor/index.js';

describe('deliverable', () => {
  it('lists equal copies of an envelope once on a non-duplicating network, even as distinct objects', () => {
    const msg = () => ({ type: 'Accept', ballot: [1, 1], proposal: [4, 4, 'B'] });
    const net: Network<ReturnType<typeof msg>> = {
      kind: 'unordered-nonduplicating',
      envelopes: [
        { src: 1, dst: 0, msg: msg() },
        { src: 1, dst: 0, msg: msg() },
        { src: 1, dst: 2, msg: msg() },
      ],
    };
    expect(deliverable(net).map((e) => e.dst)).toEqual([0, 2]);
  });
});
