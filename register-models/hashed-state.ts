/**
 * Actor-model states that fingerprint fast. The checker hashes every generated state; a plain
 * state is walked in full (every actor, envelope, message and tester, with the object keys sorted
 * at every level), although one step changes one actor, a few envelopes and at most the history.
 *
 * A {@link HashedActorState} is the same state as a class instance that keeps the 64-bit hashes
 * of its actor states, envelopes (or flows) and history. A successor built from its parent reuses
 * the parent's hash for every component that is the same object (handlers return new objects
 * for what they change and share the rest), so each step hashes only what it created.
 * `fingerprintValue()` is those hashes packed into one string (compact while the state waits in
 * the checker's queue, and quick to hash).
 *
 * Equality stays structural: equal states give equal strings, because a component's hash depends
 * only on its value. Two different values share a component hash only by a 64-bit collision;
 * there are far fewer distinct components than states, so this adds nothing measurable to the
 * checker's own collision bound (`collisionProbability`).
 */
import { fingerprintInto, type Fingerprintable } from '../src/checker/index.js';
import type { ActorModelState, Network, RandomEntry } from '../src/actor/index.js';

const scratch = new Uint32Array(2);
/**
 * The key being built: four 16-bit units per component hash, written at `at`. One exact-length
 * buffer per key length, reused: emptying and regrowing a single array (`length = 0`, then push)
 * reallocated its storage on every state, the largest allocation of a Paxos check.
 */
const buffers: number[][] = [];
let units: number[] = [];
let at = 0;

function startKey(components: number): void {
  const length = 4 * components;
  units = buffers[length] ??= new Array<number>(length).fill(0);
  at = 0;
}

function pushHalves(lo: number, hi: number): void {
  units[at] = lo & 0xffff;
  units[at + 1] = lo >>> 16;
  units[at + 2] = hi & 0xffff;
  units[at + 3] = hi >>> 16;
  at += 4;
}

function pushHash(v: unknown): void {
  fingerprintInto(v, scratch);
  pushHalves(scratch[0], scratch[1]);
}

/** Copies component `c`'s hash from another state's key. */
function pushFrom(key: string, c: number): void {
  const from = 4 * c;
  units[at] = key.charCodeAt(from);
  units[at + 1] = key.charCodeAt(from + 1);
  units[at + 2] = key.charCodeAt(from + 2);
  units[at + 3] = key.charCodeAt(from + 3);
  at += 4;
}

/**
 * An envelope (or a flow) as `[src, dst, message hash]`. A broadcast sends one message object to
 * every peer, so the last message's hash is remembered. The array is reused (no garbage).
 */
let lastMessage: unknown = undefined;
const lastMessageHash = new Uint32Array(2);
const partWords: number[] = [0, 0, 0.5, 0.5];
function pushPartHash(part: unknown): void {
  const p = part as { readonly src: number; readonly dst: number; readonly msg?: unknown; readonly msgs?: unknown };
  const msg = p.msgs ?? p.msg;
  if (msg !== lastMessage) {
    fingerprintInto(msg, lastMessageHash);
    lastMessage = msg;
  }
  partWords[0] = p.src;
  partWords[1] = p.dst;
  partWords[2] = lastMessageHash[0];
  partWords[3] = lastMessageHash[1];
  pushHash(partWords);
}

/** `xs` if it holds the same elements as `ys`, else `ys`: successors share unchanged lists. */
function shared<T>(xs: readonly T[], ys: readonly T[]): readonly T[] {
  if (xs === ys) return xs;
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
  /** The fingerprint value: each component's 64-bit hash as four UTF-16 units (see `hash`). */
  private readonly key: string;

  constructor(s: ActorModelState<State, Msg, History, Timer, Random, Storage>, parent?: ActorModelState<State, Msg, History, Timer, Random, Storage>) {
    this.network = s.network;
    this.history = s.history;
    if (parent instanceof HashedActorState) {
      // A step copies every per-actor list; keeping the parent's unchanged ones saves memory.
      this.actorStates = shared(parent.actorStates, s.actorStates);
      this.timers = shared(parent.timers, s.timers);
      this.randomChoices = shared(parent.randomChoices, s.randomChoices);
      this.crashed = shared(parent.crashed, s.crashed);
      this.storages = shared(parent.storages, s.storages);
      this.key = this.hash(parent);
    } else {
      this.actorStates = s.actorStates;
      this.timers = s.timers;
      this.randomChoices = s.randomChoices;
      this.crashed = s.crashed;
      this.storages = s.storages;
      this.key = this.hash(undefined);
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
   * One component hash per actor state, per network part, and for the rest. The actor count and
   * network kind are fixed for a model, so the length tells how many parts there are.
   */
  private hash(parent: HashedActorState<State, Msg, History, Timer, Random, Storage> | undefined): string {
    const mine = parts(this.network);
    const actorStates = this.actorStates;
    const n = actorStates.length;
    startKey(n + mine.length + 1);
    if (parent === undefined) {
      for (let i = 0; i < n; i++) pushHash(actorStates[i]);
      for (let i = 0; i < mine.length; i++) pushPartHash(mine[i]);
      pushHash(this.rest());
      return String.fromCharCode.apply(null, units);
    }
    const theirKey = parent.key;
    const theirStates = parent.actorStates;
    for (let i = 0; i < n; i++) {
      if (actorStates[i] === theirStates[i]) pushFrom(theirKey, i);
      else pushHash(actorStates[i]);
    }
    // Surviving parts keep their relative order; a step removes at most one (delivered or
    // dropped), so looking one past a mismatch realigns. Unmatched parts are simply hashed.
    const theirs = parts(parent.network);
    let j = 0;
    for (let i = 0; i < mine.length; i++) {
      const p = mine[i];
      const found = theirs[j] === p ? j : theirs[j + 1] === p ? j + 1 : -1;
      if (found < 0) {
        pushPartHash(p);
        continue;
      }
      pushFrom(theirKey, n + found);
      j = found + 1;
    }
    if (this.sameRest(parent)) pushFrom(theirKey, n + theirs.length);
    else pushHash(this.rest());
    return String.fromCharCode.apply(null, units);
  }

  fingerprintValue(): string {
    return this.key;
  }
}
