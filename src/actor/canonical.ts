/**
 * Canonical copies of the values an actor system is made of, and the memo of message handlers.
 *
 * A model check builds millions of system states from a few thousand distinct actor states and
 * envelopes. Interning them (one object per distinct value, found by its 64-bit structural
 * fingerprint) lets every state share them, gives each one its hash once, and makes a delivery a
 * pure function of two small keys: handlers are pure (§2 of the reference), so delivering an
 * envelope to an actor state always has the same outcome, and the outcome is computed once.
 *
 * Two values with equal fingerprints are one canonical value. Distinct values collide only by a
 * 64-bit accident; there are far fewer distinct components than states, so this adds nothing
 * measurable to the checker's own hash-compaction bound (`collisionProbability`).
 */
import { fingerprintInto } from '../checker/fingerprint.js';
import type { Command } from './actor.js';
import type { Envelope } from './network.js';

/**
 * An actor state with fields that are not part of its identity, like a Rust state whose
 * hand-written `Hash` skips some fields (Stateright's Raft example leaves out the applied entries
 * and the forwarding buffer). The checker treats two states whose `identityValue()`s are equal as
 * one state (the first one reached is kept, as in Stateright's visited set), but handlers always
 * see the exact state their path built: interning is by the whole value, hashing by identity.
 */
export interface PartlyIdentified {
  /** The part of the state that defines its identity (built from fingerprintable kinds). */
  identityValue(): unknown;
}

/** A canonical value with its structural hash (two 32-bit halves). */
export interface Interned<V> {
  readonly value: V;
  /** The hash of the value's identity: what the system state's fingerprint sums. */
  readonly lo: number;
  readonly hi: number;
  /** The high half of the whole value's hash, the table's key (equal to `hi` unless {@link PartlyIdentified}). */
  keyHi: number;
  /** The next entry whose key's low half is the same (a chain in {@link InternTable}). */
  sameLo: Interned<V> | undefined;
}

/** An actor state, with the outcomes of deliveries to it (by canonical envelope). */
export interface InternedActorState<State, Msg, Timer, Random, Storage> extends Interned<State> {
  deliveries: Map<InternedEnvelope<Msg>, Delivery<State, Msg, Timer, Random, Storage>> | undefined;
}

export type InternedEnvelope<Msg> = Interned<Envelope<Msg>>;

/** What delivering an envelope to an actor state did. */
export interface Delivery<State, Msg, Timer, Random, Storage> {
  /** The new state, or undefined when the handler left its state untouched. */
  readonly next: InternedActorState<State, Msg, Timer, Random, Storage> | undefined;
  /** The envelopes sent, in emission order. */
  readonly sends: readonly InternedEnvelope<Msg>[];
  /** The other commands, in emission order (they touch other components than sends). */
  readonly others: readonly Command<Msg, Timer, Random, Storage>[];
  /** The sent envelopes in network order, ready to merge into a sorted network. */
  readonly sorted: readonly Envelope<Msg>[];
  /** The sum of the sent envelopes' hashes (what a non-duplicating network gains). */
  readonly sentLo: number;
  readonly sentHi: number;
}

const scratch = new Uint32Array(2);

/** Values by identity, and by fingerprint for values not seen as objects before. */
class InternTable<V, E extends Interned<V>> {
  private readonly byIdentity = new Map<unknown, E>();
  private readonly byLo = new Map<number, E>();

  constructor(private readonly create: (value: V, lo: number, hi: number) => E) {}

  get size(): number {
    return this.byIdentity.size;
  }

  /** The canonical entry of `value` (which becomes canonical itself if its value is new). */
  entry(value: V): E {
    const known = this.byIdentity.get(value);
    if (known !== undefined) return known;
    fingerprintInto(value, scratch);
    const keyLo = scratch[0] | 0;
    const keyHi = scratch[1] | 0;
    const head = this.byLo.get(keyLo);
    for (let e = head; e !== undefined; e = e.sameLo as E | undefined) if (e.keyHi === keyHi) return e;
    // Keyed by the whole value so that a state never stands in for another with different hidden
    // fields (handlers and the memo of deliveries depend on them); hashed by identity so that the
    // system fingerprint, and with it the visited set, ignores them.
    let lo = keyLo;
    let hi = keyHi;
    const identity = (value as Partial<PartlyIdentified> | null)?.identityValue;
    if (typeof identity === 'function') {
      fingerprintInto(identity.call(value), scratch);
      lo = scratch[0] | 0;
      hi = scratch[1] | 0;
    }
    const created = this.create(value, lo, hi);
    created.keyHi = keyHi;
    created.sameLo = head;
    this.byLo.set(keyLo, created);
    // Only canonical objects are kept by identity: equal copies are garbage the table must not pin.
    this.byIdentity.set(value, created);
    return created;
  }

  clear(): void {
    this.byIdentity.clear();
    this.byLo.clear();
  }
}

/**
 * Past this many entries (interned values plus memoised deliveries) the tables start over, so a
 * model with unboundedly many distinct components does not keep all of them alive. Hashes are
 * derived from values, never from table positions, so starting over changes no fingerprint.
 */
const DEFAULT_LIMIT = 2_000_000;

export class Canon<State, Msg, Timer, Random, Storage> {
  private readonly actorStates = new InternTable<State, InternedActorState<State, Msg, Timer, Random, Storage>>((value, lo, hi) => ({
    value,
    lo,
    hi,
    keyHi: hi,
    sameLo: undefined,
    deliveries: undefined,
  }));
  private readonly envelopes = new InternTable<Envelope<Msg>, InternedEnvelope<Msg>>((value, lo, hi) => ({ value, lo, hi, keyHi: hi, sameLo: undefined }));
  private memoised = 0;

  constructor(private readonly limit = DEFAULT_LIMIT) {
    if (!(limit >= 1)) throw new RangeError(`memoLimit must be at least 1 (got ${limit})`);
  }

  actorState(state: State): InternedActorState<State, Msg, Timer, Random, Storage> {
    return this.actorStates.entry(state);
  }

  envelope(envelope: Envelope<Msg>): InternedEnvelope<Msg> {
    return this.envelopes.entry(envelope);
  }

  delivery(
    to: InternedActorState<State, Msg, Timer, Random, Storage>,
    envelope: InternedEnvelope<Msg>,
  ): Delivery<State, Msg, Timer, Random, Storage> | undefined {
    return to.deliveries?.get(envelope);
  }

  remember(
    to: InternedActorState<State, Msg, Timer, Random, Storage>,
    envelope: InternedEnvelope<Msg>,
    outcome: Delivery<State, Msg, Timer, Random, Storage>,
  ): void {
    if (this.memoised + this.actorStates.size + this.envelopes.size >= this.limit) this.clear();
    (to.deliveries ??= new Map()).set(envelope, outcome);
    this.memoised++;
  }

  private clear(): void {
    this.actorStates.clear();
    this.envelopes.clear();
    this.memoised = 0;
  }
}
