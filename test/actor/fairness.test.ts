/** Fairness classes of actor actions: keys remembered per message object against keys computed afresh (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorFairClass } from '../../src/actor/fairness.js';
import type { ActorAction } from '../../src/actor/index.js';

type Msg = unknown;
const message: fc.Arbitrary<Msg> = fc.oneof(
  fc.record({ type: fc.constantFrom('Put', 'Get', 'Ack'), n: fc.nat(3), value: fc.option(fc.string({ maxLength: 2 })) }),
  fc.array(fc.nat(3), { maxLength: 3 }),
  fc.string({ maxLength: 3 }),
  fc.nat(5),
);

describe('actorFairClass', () => {
  it('remembers a delivery class per message object: the same key as computing it afresh, for every source and destination', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(9), fc.nat(3), fc.nat(3)), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (messages, steps, lossy) => {
          const remembering = actorFairClass<Msg, never, never>(['deliver', 'timeout'], lossy);
          for (const [pick, src, dst] of steps) {
            // The same object again and again (one message broadcast to several destinations, too).
            const msg = messages[pick % messages.length];
            const action: ActorAction<Msg> = { kind: 'deliver', src, dst, msg };
            const fresh = actorFairClass<Msg, never, never>(['deliver', 'timeout'], lossy);
            expect(remembering(action)).toEqual(fresh(action));
            // A structurally equal copy is the same class.
            const copy = typeof msg === 'object' && msg !== null ? structuredClone(msg) : msg;
            expect(remembering({ ...action, msg: copy })).toEqual(fresh(action));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tells deliveries of one message object to different destinations apart', () => {
    const fairClass = actorFairClass<Msg, never, never>(['deliver'], false);
    const request = { type: 'VoteRequest', term: 1 };
    const keys = [1, 2, 3].map((dst) => fairClass({ kind: 'deliver', src: 0, dst, msg: request }));
    expect(new Set(keys).size).toBe(3);
    expect(fairClass({ kind: 'deliver', src: 0, dst: 2, msg: request })).toBe(keys[1]);
  });
});
