/**
 * The actor model's state as the checker stores it: the whole system, with a 64-bit fingerprint
 * kept up to date step by step instead of recomputed by walking the system.
 *
 * The fingerprint is a sum (per 32-bit half, wrapping) of one hash per component: each actor's
 * state hash placed at its actor id, each envelope's hash (or each flow's on an ordered network),
 * plus one hash of the rest (history, timers, random choices, crashes, storage, the last delivered
 * envelope). A step changes a few components, so it subtracts their old hashes and adds the new
 * ones. Component hashes come from canonical values (see `canonical.ts`), so equal systems have
 * equal fingerprints whatever path built them.
 *
 * The sums live in private fields: spreading or printing a state shows the system only. A state
 * rebuilt by hand as a plain object is still a valid state (the model adopts it), but it is
 * fingerprinted structurally, so a symmetry representative of an actor-model state must be built
 * consistently (always plain, or always by the model).
 */
import type { Prefingerprinted } from '../checker/fingerprint.js';
import type { ActorModelState, RandomEntry } from './state.js';
import type { Network } from './network.js';

export class SystemState<State, Msg, History = undefined, Timer = never, Random = never, Storage = never>
  implements ActorModelState<State, Msg, History, Timer, Random, Storage>, Prefingerprinted
{
  readonly #actorsLo: number;
  readonly #actorsHi: number;
  readonly #networkLo: number;
  readonly #networkHi: number;
  readonly #restLo: number;
  readonly #restHi: number;

  constructor(
    readonly actorStates: readonly State[],
    readonly network: Network<Msg>,
    readonly timers: readonly (readonly Timer[])[],
    readonly randomChoices: readonly (readonly RandomEntry<Random>[])[],
    readonly crashed: readonly boolean[],
    readonly history: History,
    readonly storages: readonly (Storage | undefined)[],
    hashes: ComponentHashes,
  ) {
    this.#actorsLo = hashes.actorsLo;
    this.#actorsHi = hashes.actorsHi;
    this.#networkLo = hashes.networkLo;
    this.#networkHi = hashes.networkHi;
    this.#restLo = hashes.restLo;
    this.#restHi = hashes.restHi;
  }

  /** The component sums, copied into `into` (a step starts from its parent's). */
  readHashes(into: ComponentHashes): void {
    into.actorsLo = this.#actorsLo;
    into.actorsHi = this.#actorsHi;
    into.networkLo = this.#networkLo;
    into.networkHi = this.#networkHi;
    into.restLo = this.#restLo;
    into.restHi = this.#restHi;
  }

  writeFingerprint(out: Uint32Array): void {
    const sumLo = (this.#actorsLo + this.#networkLo) | 0;
    const sumHi = (this.#actorsHi + this.#networkHi) | 0;
    let a = fmix((sumLo ^ 0x3c6ef372) + Math.imul(this.#restHi, 0xcc9e2d51));
    let b = fmix((sumHi ^ 0xa54ff53a) + Math.imul(this.#restLo, 0x1b873593));
    a = fmix(a + Math.imul(b ^ this.#restLo, 0x85ebca6b));
    b = fmix(b + Math.imul(a ^ this.#restHi, 0xc2b2ae35));
    out[0] = a;
    out[1] = b;
  }
}

/**
 * A state's component sums: actors (each placed at its id), network parts, and the rest. Sums
 * wrap at 32 bits per half, so subtracting a component undoes adding it.
 */
export interface ComponentHashes {
  actorsLo: number;
  actorsHi: number;
  networkLo: number;
  networkHi: number;
  restLo: number;
  restHi: number;
}

export function noHashes(): ComponentHashes {
  return { actorsLo: 0, actorsHi: 0, networkLo: 0, networkHi: 0, restLo: 0, restHi: 0 };
}

function fmix(h: number): number {
  h |= 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The two halves of a component hash placed at actor `id`: the same state at different actors
 * must contribute differently, or swapping two actors' states would not change the sum.
 */
export function placedLo(id: number, lo: number, hi: number): number {
  return fmix(lo + Math.imul(id + 1, 0x9e3779b1) + Math.imul(hi, 0x27d4eb2f));
}

export function placedHi(id: number, lo: number, hi: number): number {
  return fmix(hi + Math.imul(id + 1, 0x85ebca77) + Math.imul(lo, 0x165667b1));
}

/** Adds (`sign` 1) or takes away (-1) a component's hash, placed at `slot`, in the actor sum. */
export function accountActor(h: ComponentHashes, slot: number, component: { readonly lo: number; readonly hi: number }, sign: 1 | -1): void {
  h.actorsLo = (h.actorsLo + sign * placedLo(slot, component.lo, component.hi)) | 0;
  h.actorsHi = (h.actorsHi + sign * placedHi(slot, component.lo, component.hi)) | 0;
}
