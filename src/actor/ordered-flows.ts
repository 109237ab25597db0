/**
 * Ordered networks hashed step by step. A flow (the FIFO queue from one actor to another) hashes
 * as a polynomial in its envelopes' hashes, `Σ e_i · B^i` (per 32-bit half, wrapping; `B` odd,
 * so it has an inverse): appending an envelope adds `e · B^length`, and taking the head off
 * subtracts `e_0` and multiplies by `B⁻¹`. The network's sum then adds each flow's polynomial
 * placed at its length, so a delivery updates the network hash in a few multiplications instead
 * of rehashing every queued message.
 *
 * {@link HashedFlow}s remember their polynomial and their canonical envelopes (the head's is the
 * key of the delivery memo). Flows built by hand, or by the general step, are hashed in full.
 */
import type { Canon, InternedEnvelope } from './canonical.js';
import type { Flow } from './network.js';
import { placedHi, placedLo, type ComponentHashes } from './system-state.js';

const BASE_LO = 0x2545f491;
const BASE_HI = 0x9e3779b9 | 0;

/** The inverse of an odd `b` modulo 2^32 (Newton's iteration doubles the correct bits each round). */
function inverse(b: number): number {
  let x = b;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(b, x));
  return x;
}

const INVERSE_LO = inverse(BASE_LO);
const INVERSE_HI = inverse(BASE_HI);
const powersLo: number[] = [1];
const powersHi: number[] = [1];

function power(powers: number[], base: number, i: number): number {
  while (powers.length <= i) powers.push(Math.imul(powers[powers.length - 1], base));
  return powers[i];
}

export class HashedFlow<Msg> implements Flow<Msg> {
  readonly #entries: readonly InternedEnvelope<Msg>[];
  readonly #lo: number;
  readonly #hi: number;

  constructor(
    readonly src: number,
    readonly dst: number,
    readonly msgs: readonly Msg[],
    entries: readonly InternedEnvelope<Msg>[],
    lo: number,
    hi: number,
  ) {
    this.#entries = entries;
    this.#lo = lo;
    this.#hi = hi;
  }

  static of<Msg>(src: number, dst: number, entries: readonly InternedEnvelope<Msg>[]): HashedFlow<Msg> {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < entries.length; i++) {
      lo = (lo + Math.imul(entries[i].lo, power(powersLo, BASE_LO, i))) | 0;
      hi = (hi + Math.imul(entries[i].hi, power(powersHi, BASE_HI, i))) | 0;
    }
    return new HashedFlow(src, dst, entries.map((e) => e.value.msg), entries, lo, hi);
  }

  /** The canonical envelope at the head. */
  get head(): InternedEnvelope<Msg> {
    return this.#entries[0];
  }

  /** The flow without its head, or undefined when that leaves it empty. */
  popped(): HashedFlow<Msg> | undefined {
    const n = this.#entries.length;
    if (n === 1) return undefined;
    const head = this.#entries[0];
    const lo = Math.imul((this.#lo - head.lo) | 0, INVERSE_LO);
    const hi = Math.imul((this.#hi - head.hi) | 0, INVERSE_HI);
    return new HashedFlow(this.src, this.dst, this.msgs.slice(1), this.#entries.slice(1), lo, hi);
  }

  /** The flow with `e` appended. */
  pushed(e: InternedEnvelope<Msg>): HashedFlow<Msg> {
    const n = this.#entries.length;
    const lo = (this.#lo + Math.imul(e.lo, power(powersLo, BASE_LO, n))) | 0;
    const hi = (this.#hi + Math.imul(e.hi, power(powersHi, BASE_HI, n))) | 0;
    return new HashedFlow(this.src, this.dst, [...this.msgs, e.value.msg], [...this.#entries, e], lo, hi);
  }

  /** Adds (sign 1) or subtracts (sign -1) this flow's share of the network sum. */
  account(h: ComponentHashes, sign: 1 | -1): void {
    const n = this.#entries.length;
    h.networkLo = (h.networkLo + sign * placedLo(n, this.#lo, this.#hi)) | 0;
    h.networkHi = (h.networkHi + sign * placedHi(n, this.#lo, this.#hi)) | 0;
  }
}

/** `flow` as a {@link HashedFlow} (itself when it is one; else its envelopes are interned). */
export function hashedFlow<State, Msg, Timer, Random, Storage>(flow: Flow<Msg>, canon: Canon<State, Msg, Timer, Random, Storage>): HashedFlow<Msg> {
  if (flow instanceof HashedFlow) return flow as HashedFlow<Msg>;
  return HashedFlow.of(
    flow.src,
    flow.dst,
    flow.msgs.map((msg) => canon.envelope({ src: flow.src, dst: flow.dst, msg })),
  );
}

/**
 * `flows` (sorted by ⟨src, dst⟩, as the network keeps them) with the flow from `src` to `dst`
 * replaced by `flow` (removed when undefined, inserted in order when new), adjusting `h`.
 * `flows` is modified in place: the caller passes its own copy.
 */
export function replaceFlow<Msg>(flows: HashedFlow<Msg>[], src: number, dst: number, flow: HashedFlow<Msg> | undefined, h: ComponentHashes): void {
  let i = 0;
  while (i < flows.length && (flows[i].src < src || (flows[i].src === src && flows[i].dst < dst))) i++;
  const present = i < flows.length && flows[i].src === src && flows[i].dst === dst;
  if (present) flows[i].account(h, -1);
  if (flow !== undefined) flow.account(h, 1);
  if (present && flow !== undefined) flows[i] = flow;
  else if (present) flows.splice(i, 1);
  else if (flow !== undefined) flows.splice(i, 0, flow);
}

/** The flow from `src` to `dst`, if any. */
export function findFlow<Msg>(flows: readonly HashedFlow<Msg>[], src: number, dst: number): HashedFlow<Msg> | undefined {
  for (let i = 0; i < flows.length; i++) if (flows[i].src === src && flows[i].dst === dst) return flows[i];
  return undefined;
}
