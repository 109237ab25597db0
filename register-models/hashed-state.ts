/**
 * Actor-model states that fingerprint fast. The checker hashes every generated state; a plain
 * state is walked in full (every actor, envelope, message and tester, with the object keys sorted
 * at every level), although one step changes one actor, a few envelopes and at most the history.
 *
 * A {@link HashedActorState} is the same state as a class instance that keeps the 64-bit hashes
 * of its actor states, envelopes (or flows) and history. A successor built from its parent reuses
 * the parent's hash for every component that is the same object (handlers return new objects
 * for what they change and share the rest), so each step hashes only what it created.
 * `fingerprintValue()` lists those hashes plus the small components as they are.
 *
 * Equality stays structural: equal states give equal lists, because a component's hash depends
 * only on its value. Two different values share a component hash only by a collision of 60 bits (the
 * two halves are kept to 30 bits each, so V8 stores them as small integers); there are far fewer
 * distinct components than states, so this adds nothing measurable to the checker's own collision
 * bound (`collisionProbability`).
 */
import { fingerprintInto, type Fingerprintable } from '../src/checker/index.js';
import type { ActorModelState, Network, RandomEntry } from '../src/actor/index.js';

const scratch = new Uint32Array(2);
/** 30 bits of each half: small integers, which V8 stores in 4 bytes (states wait in the queue). */
const SMALL = 0x3fffffff;

function hashInto(out: number[], at: number, v: unknown): void {
  fingerprintInto(v, scratch);
  out[at] = scratch[0] & SMALL;
  out[at + 1] = scratch[1] & SMALL;
}

/**
 * An envelope (or a flow) as `[src, dst, message hash]`. A broadcast sends one message object to
 * every peer, so the last message's hash is remembered.
 */
let lastMessage: unknown = undefined;
const lastMessageHash = new Uint32Array(2);
function hashPartInto(out: number[], at: number, part: unknown): void {
  const p = part as { readonly src: number; readonly dst: number; readonly msg?: unknown; readonly msgs?: unknown };
  const msg = p.msgs ?? p.msg;
  if (msg !== lastMessage) {
    fingerprintInto(msg, lastMessageHash);
    lastMessage = msg;
  }
  hashInto(out, at, [p.src, p.dst, lastMessageHash[0], lastMessageHash[1]]);
}

/** `xs` if it holds the same elements as `ys`, else `ys`: successors share unchanged lists. */
function shared<T>(xs: readonly T[], ys: readonly T[]): readonly T[] {
  if (xs.length !== ys.length) return ys;
  for (let i = 0; i < xs.length; i++) if (xs[i] !== ys[i]) return ys;
  return xs;
}

/** The network's components: envelopes, or flows on an ordered network. */
function parts<Msg>(net: Network<Msg>): readonly unknown[] {
  return net.kind === 'ordered' ? net.flows : net.envelopes;
}

export class HashedActorState<State, Msg, History, Timer, Random, Storage>
  implements ActorModelState<State, Msg, History, Timer, Random, Storage>, Fingerprintable
{
  readonly actorStates: readonly State[];
  readonly network: Network<Msg>;
  readonly timers: readonly (readonly Timer[])[];
  readonly randomChoices: readonly (readonly RandomEntry<Random>[])[];
  readonly crashed: readonly boolean[];
  readonly history: History;
  readonly storages: readonly (Storage | undefined)[];
  /** The fingerprint value: two 30-bit hash halves per component (see `hash`). */
  private readonly hashes: number[];

  constructor(s: ActorModelState<State, Msg, History, Timer, Random, Storage>, parent?: ActorModelState<State, Msg, History, Timer, Random, Storage>) {
    this.actorStates = s.actorStates;
    this.network = s.network;
    this.history = s.history;
    if (parent instanceof HashedActorState) {
      // A step copies every per-actor list; keeping the parent's unchanged ones saves memory.
      this.timers = shared(parent.timers, s.timers);
      this.randomChoices = shared(parent.randomChoices, s.randomChoices);
      this.crashed = shared(parent.crashed, s.crashed);
      this.storages = shared(parent.storages, s.storages);
      this.hashes = this.hash(parent);
    } else {
      this.timers = s.timers;
      this.randomChoices = s.randomChoices;
      this.crashed = s.crashed;
      this.storages = s.storages;
      this.hashes = this.hash(undefined);
    }
  }

  /** Everything but the actor states and the network parts, as one component. */
  private rest(): readonly unknown[] {
    const net = this.network;
    return [this.history, net.kind === 'unordered-duplicating' ? net.lastDelivered : null, this.timers, this.randomChoices, this.crashed, this.storages];
  }

  private sameRest(parent: HashedActorState<State, Msg, History, Timer, Random, Storage>): boolean {
    const a = this.network;
    const b = parent.network;
    return (
      this.history === parent.history &&
      (a.kind !== 'unordered-duplicating' || b.kind !== 'unordered-duplicating' || a.lastDelivered === b.lastDelivered) &&
      this.timers === parent.timers &&
      this.randomChoices === parent.randomChoices &&
      this.crashed === parent.crashed &&
      this.storages === parent.storages
    );
  }

  /**
   * Two entries per actor state, per network part, and for the rest. The actor count and network
   * kind are fixed for a model, so the length tells how many parts there are.
   */
  private hash(parent: HashedActorState<State, Msg, History, Timer, Random, Storage> | undefined): number[] {
    const mine = parts(this.network);
    const n = this.actorStates.length;
    const out = new Array<number>(2 * (n + mine.length + 1));
    if (parent === undefined) {
      this.actorStates.forEach((a, i) => hashInto(out, 2 * i, a));
      mine.forEach((p, k) => hashPartInto(out, 2 * (n + k), p));
      hashInto(out, out.length - 2, this.rest());
      return out;
    }
    const ph = parent.hashes;
    const reuse = (at: number, from: number) => {
      out[at] = ph[from];
      out[at + 1] = ph[from + 1];
    };
    for (let i = 0; i < n; i++) {
      if (this.actorStates[i] === parent.actorStates[i]) reuse(2 * i, 2 * i);
      else hashInto(out, 2 * i, this.actorStates[i]);
    }
    // Surviving parts keep their relative order; a step removes at most one (delivered or
    // dropped), so looking one past a mismatch realigns. Unmatched parts are simply hashed.
    const theirs = parts(parent.network);
    let j = 0;
    for (let k = 0; k < mine.length; k++) {
      const p = mine[k];
      const at = 2 * (n + k);
      const found = theirs[j] === p ? j : theirs[j + 1] === p ? j + 1 : -1;
      if (found < 0) {
        hashPartInto(out, at, p);
        continue;
      }
      reuse(at, 2 * (n + found));
      j = found + 1;
    }
    if (this.sameRest(parent)) reuse(out.length - 2, ph.length - 2);
    else hashInto(out, out.length - 2, this.rest());
    return out;
  }

  fingerprintValue(): readonly number[] {
    return this.hashes;
  }
}
