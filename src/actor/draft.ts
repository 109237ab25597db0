/**
 * Building a successor state: a mutable draft that shares the parent's arrays until a step first
 * writes into one, then sealed into a {@link SystemState} whose component hashes are updated for
 * what changed (and whose actor states and envelopes are replaced by their canonical copies).
 */
import { fingerprintInto } from '../checker/fingerprint.js';
import type { Canon } from './canonical.js';
import type { ActorModelState, RandomEntry } from './state.js';
import type { Envelope, Network } from './network.js';
import { hashedFlow } from './ordered-flows.js';
import { SystemState, accountActor, noHashes, type ComponentHashes } from './system-state.js';

export interface Draft<State, Msg, History, Timer, Random, Storage> {
  actorStates: readonly State[];
  network: Network<Msg>;
  timers: readonly (readonly Timer[])[];
  randomChoices: readonly (readonly RandomEntry<Random>[])[];
  crashed: readonly boolean[];
  history: History;
  storages: readonly (Storage | undefined)[];
}

export function draftOf<State, Msg, History, Timer, Random, Storage>(
  s: ActorModelState<State, Msg, History, Timer, Random, Storage>,
): Draft<State, Msg, History, Timer, Random, Storage> {
  return {
    actorStates: s.actorStates,
    network: s.network,
    timers: s.timers,
    randomChoices: s.randomChoices,
    crashed: s.crashed,
    history: s.history,
    storages: s.storages,
  };
}

/**
 * `xs` with element `i` set to `x`: in place when the draft already owns `xs` (it is not the
 * base state's array), else on a copy. Without a base (the init state) the draft owns everything.
 */
export function withAt<T>(xs: readonly T[], base: readonly T[] | undefined, i: number, x: T): readonly T[] {
  const out = (xs === base ? xs.slice() : xs) as T[];
  out[i] = x;
  return out;
}

const scratch = new Uint32Array(2);
const rest: unknown[] = [undefined, undefined, undefined, undefined, undefined];

/**
 * Hashes the components that are neither actor states, storage nor network parts into `h.rest*`
 * (storage is summed with the actors: servers that save every change would otherwise rehash all
 * of it on every step). With `concatenateTimers` the actors' timer sets are hashed as one list,
 * each set after the other (see `ActorModelConfig.timerIdentity`).
 */
export function hashRest<State, Msg, History, Timer, Random, Storage>(
  d: Draft<State, Msg, History, Timer, Random, Storage>,
  h: ComponentHashes,
  concatenateTimers = false,
): void {
  const net = d.network;
  rest[0] = d.history;
  rest[1] = net.kind === 'unordered-duplicating' ? net.lastDelivered : null;
  rest[2] = concatenateTimers ? d.timers.flat() : d.timers;
  rest[3] = d.randomChoices;
  rest[4] = d.crashed;
  fingerprintInto(rest, scratch);
  rest.fill(undefined);
  h.restLo = scratch[0] | 0;
  h.restHi = scratch[1] | 0;
}

/** Whether the draft's rest is the parent's, object for object. */
export function sameRest<State, Msg, History, Timer, Random, Storage>(
  d: Draft<State, Msg, History, Timer, Random, Storage>,
  parent: ActorModelState<State, Msg, History, Timer, Random, Storage>,
): boolean {
  const a = d.network;
  const b = parent.network;
  return (
    d.history === parent.history &&
    (a.kind !== 'unordered-duplicating' || b.kind !== 'unordered-duplicating' || a.lastDelivered === b.lastDelivered) &&
    d.timers === parent.timers &&
    d.randomChoices === parent.randomChoices &&
    d.crashed === parent.crashed
  );
}

/** Where actor `id`'s storage is placed in the actor sum (apart from every actor id). */
const storageSlot = (id: number): number => -2 - id;

/**
 * Adjusts the actor sum for the storage entries of `storages` that are not `previous`'s (all of
 * them without `previous`). Storage is interned with the actor states: it is usually one of them.
 */
export function accountStorages<State, Msg, Timer, Random, Storage>(
  storages: readonly (Storage | undefined)[],
  previous: readonly (Storage | undefined)[] | undefined,
  canon: Canon<State, Msg, Timer, Random, Storage>,
  h: ComponentHashes,
): void {
  if (storages === previous) return;
  for (let i = 0; i < storages.length; i++) {
    const v = storages[i];
    const old = previous === undefined ? undefined : previous[i];
    if (previous !== undefined && v === old) continue;
    if (old !== undefined) accountActor(h, storageSlot(i), canon.actorState(old as unknown as State), -1);
    if (v !== undefined) accountActor(h, storageSlot(i), canon.actorState(v as unknown as State), 1);
  }
}

/** The network sum from scratch, with every envelope replaced by its canonical copy. */
function canonicalNetwork<State, Msg, Timer, Random, Storage>(
  net: Network<Msg>,
  canon: Canon<State, Msg, Timer, Random, Storage>,
  h: ComponentHashes,
): Network<Msg> {
  let lo = 0;
  let hi = 0;
  if (net.kind === 'ordered') {
    h.networkLo = 0;
    h.networkHi = 0;
    let changed = false;
    const flows = net.flows.map((f) => {
      const hashed = hashedFlow(f, canon);
      changed ||= hashed !== f;
      hashed.account(h, 1);
      return hashed;
    });
    return changed ? { ...net, flows } : net;
  }
  let envelopes: Envelope<Msg>[] | undefined;
  const given = net.envelopes;
  for (let i = 0; i < given.length; i++) {
    const e = canon.envelope(given[i]);
    lo = (lo + e.lo) | 0;
    hi = (hi + e.hi) | 0;
    if (e.value !== given[i]) (envelopes ??= given.slice())[i] = e.value;
  }
  h.networkLo = lo;
  h.networkHi = hi;
  return envelopes === undefined ? net : { ...net, envelopes };
}

const sealing = noHashes();

/**
 * The draft as a system state. With a parent, only the components that are not the parent's own
 * objects are hashed; without one (an init state, or a state built by hand) everything is.
 */
export function seal<State, Msg, History, Timer, Random, Storage>(
  d: Draft<State, Msg, History, Timer, Random, Storage>,
  parent: SystemState<State, Msg, History, Timer, Random, Storage> | undefined,
  canon: Canon<State, Msg, Timer, Random, Storage>,
  concatenateTimers = false,
): SystemState<State, Msg, History, Timer, Random, Storage> {
  const h = sealing;
  if (parent !== undefined) parent.readHashes(h);
  else {
    h.actorsLo = 0;
    h.actorsHi = 0;
  }
  const theirs = parent?.actorStates;
  let actorStates = d.actorStates;
  if (actorStates !== theirs) {
    let copied = false;
    for (let i = 0; i < actorStates.length; i++) {
      const v = actorStates[i];
      if (theirs !== undefined && v === theirs[i]) continue;
      if (theirs !== undefined) accountActor(h, i, canon.actorState(theirs[i]), -1);
      const e = canon.actorState(v);
      accountActor(h, i, e, 1);
      if (e.value !== v) {
        if (!copied) actorStates = actorStates.slice();
        copied = true;
        (actorStates as State[])[i] = e.value;
      }
    }
  }
  accountStorages(d.storages, parent?.storages, canon, h);
  const network = parent !== undefined && d.network === parent.network ? d.network : canonicalNetwork(d.network, canon, h);
  // (Canonicalising the network keeps its lastDelivered, the only part of it the rest hashes.)
  if (parent === undefined || !sameRest(d, parent)) hashRest(d, h, concatenateTimers);
  return new SystemState(actorStates, network, d.timers, d.randomChoices, d.crashed, d.history, d.storages, h);
}
