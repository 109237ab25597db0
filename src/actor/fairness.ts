/**
 * Weak fairness for actor models: which actions the liveness analysis treats as fair, and the
 * class of each (see `Model.fairClass` and src/checker/liveness-check.ts).
 *
 * Classes are fine-grained, so that fairness says what a protocol engineer means by it:
 * - a delivery's class is its message (source, destination, content): a message that stays
 *   deliverable is eventually delivered (on an unordered network; on an ordered one the class is
 *   the flow's head, the only deliverable message of the flow). On a lossy network the class is
 *   strongly fair instead, the textbook fair-loss link: the network may drop any message, but a
 *   message sent again and again is eventually delivered. So a protocol that never resends a lost
 *   message can wait forever, and one that retries (the ordered reliable link) gets through;
 * - a timeout's class is its actor and timer: a timer that stays armed eventually fires;
 * - a random choice's class is its actor, key and choice; a recovery's class is its actor.
 * Clients are actors whose next operation is sent from their start and message handlers, so
 * fair deliveries (and fair timers, for clients that wait) also mean that a client's next
 * operation is eventually issued.
 *
 * The class key is a 53-bit hash of those fields (a structural fingerprint): two different
 * messages share a class with a probability of about 2^-53 per pair, the same kind of bound the
 * visited set's fingerprints already accept.
 */
import { fingerprintInto } from '../checker/fingerprint.js';
import type { FairClassKey } from '../checker/liveness-graph.js';
import type { ActorAction } from './action.js';

/** Action kinds that can be declared fair. Drops and crashes never are: they are faults, not progress. */
export type FairActionKind = 'deliver' | 'timeout' | 'selectRandom' | 'recover';

/** The defaults: deliveries (weakly fair, or strongly on a lossy network) and timers. */
export const DEFAULT_FAIR_KINDS: readonly FairActionKind[] = ['deliver', 'timeout'];

const KINDS: readonly FairActionKind[] = ['deliver', 'timeout', 'selectRandom', 'recover'];

/**
 * Class keys of deliveries, remembered per message object: a key is a hash of the message's whole
 * structure, and the liveness search asks for one per generated edge, for the same few message
 * objects again and again (a message sent once stays the same object in every state that holds
 * it, and the model's memo of handler outcomes hands out the same objects each time). Per message
 * object, the keys already computed as (source, destination, key) triples, usually one.
 *
 * Why a remembered key is the key: it is a function of (source, destination, message), and
 * messages are values the model never changes (handlers are pure and messages read-only), so the
 * structure hashed when it was remembered is the structure it would hash now. A message that is
 * not an object (a string, a number) has no identity to remember it by and is hashed each time.
 * test/actor/fairness.test.ts compares remembered keys with freshly computed ones.
 */
class DeliveryKeys {
  private readonly byMessage = new WeakMap<object, number[]>();

  constructor(private readonly compute: (src: number, dst: number, msg: unknown) => number) {}

  key(src: number, dst: number, msg: unknown): number {
    if (typeof msg !== 'object' || msg === null) return this.compute(src, dst, msg);
    let triples = this.byMessage.get(msg);
    if (triples === undefined) {
      triples = [];
      this.byMessage.set(msg, triples);
    }
    for (let i = 0; i < triples.length; i += 3) if (triples[i] === src && triples[i + 1] === dst) return triples[i + 2];
    const key = this.compute(src, dst, msg);
    triples.push(src, dst, key);
    return key;
  }
}

/** The `fairClass` of an actor model whose fair kinds are `kinds`. */
export function actorFairClass<Msg, Timer, Random>(kinds: readonly FairActionKind[], lossy: boolean): (action: ActorAction<Msg, Timer, Random>) => FairClassKey | undefined {
  for (const k of kinds) {
    if (!KINDS.includes(k)) throw new Error(`unknown fair action kind "${String(k)}"; expected some of ${KINDS.map((x) => `"${x}"`).join(', ')}`);
  }
  const fair = new Set<string>(kinds);
  const fp = new Uint32Array(2);
  const key = (fields: unknown[]): number => {
    fingerprintInto(fields, fp);
    return (fp[1] & 0x1fffff) * 0x100000000 + fp[0];
  };
  const deliveries = new DeliveryKeys((src, dst, msg) => key([0, src, dst, msg]));
  return (a) => {
    if (!fair.has(a.kind)) return undefined;
    switch (a.kind) {
      case 'deliver':
        return lossy ? { strong: deliveries.key(a.src, a.dst, a.msg) } : deliveries.key(a.src, a.dst, a.msg);
      case 'timeout':
        return key([1, a.id, a.timer]);
      case 'selectRandom':
        return key([2, a.id, a.key, a.choice]);
      case 'recover':
        return key([3, a.id]);
      default:
        return undefined;
    }
  };
}
