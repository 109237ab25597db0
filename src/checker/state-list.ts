/**
 * The states of a BFS level that a worker holds: as objects, or, when the model has a
 * {@link StateCodec}, as `codec.words` 32-bit words each (decoded when read). Internal.
 */
import { fingerprintInto } from './fingerprint.js';
import type { StateCodec } from './model.js';

/** States whose round trip through the codec is checked (fingerprints compared). */
const SPOT_CHECKS = 1000;

/**
 * Checks the first encodings a queue makes: a codec that loses information would make the
 * search explore other states than the model's, so it fails loudly instead.
 */
export class CodecSpotCheck<State> {
  private checked = 0;
  private readonly original = new Uint32Array(2);
  private readonly decoded = new Uint32Array(2);

  constructor(private readonly codec: StateCodec<State>) {
    if (!Number.isInteger(codec.words) || codec.words < 1) throw new RangeError(`stateCodec.words must be a positive integer (got ${codec.words})`);
  }

  /** Call right after encoding `state` at `words[at]`. */
  after(state: State, words: Int32Array, at: number): void {
    if (this.checked >= SPOT_CHECKS) return;
    this.checked++;
    fingerprintInto(state, this.original);
    fingerprintInto(this.codec.decode(words, at), this.decoded);
    if (this.original[0] !== this.decoded[0] || this.original[1] !== this.decoded[1]) {
      throw new Error(`the model's stateCodec does not round-trip: decode(encode(state)) differs from the state ${JSON.stringify(state) ?? String(state)}`);
    }
  }
}

export interface StateList<State> {
  readonly length: number;
  push(state: State): void;
  get(k: number): State;
  /** The entry at `k` will not be read again (lets its object be collected). */
  release(k: number): void;
  /** Appends entry `k` of `from` (a list of the same kind) without decoding it. */
  copyFrom(from: StateList<State>, k: number): void;
  /** Overwrites entry `to` with entry `from` (`to` < `from`), to compact the list in place. */
  moveDown(from: number, to: number): void;
  /** Drops the entries from `length` on. */
  truncate(length: number): void;
  /** An empty list of the same kind. */
  empty(): StateList<State>;
}

export function stateList<State>(codec: StateCodec<State> | undefined): StateList<State> {
  return codec === undefined ? new ObjectStates<State>() : new EncodedStates(codec);
}

class ObjectStates<State> implements StateList<State> {
  private readonly items: (State | undefined)[] = [];

  get length(): number {
    return this.items.length;
  }
  push(state: State): void {
    this.items.push(state);
  }
  get(k: number): State {
    return this.items[k] as State;
  }
  release(k: number): void {
    this.items[k] = undefined;
  }
  copyFrom(from: StateList<State>, k: number): void {
    this.items.push((from as ObjectStates<State>).items[k]);
  }
  moveDown(from: number, to: number): void {
    this.items[to] = this.items[from];
  }
  truncate(length: number): void {
    this.items.length = length;
  }
  empty(): StateList<State> {
    return new ObjectStates<State>();
  }
}

class EncodedStates<State> implements StateList<State> {
  private words = new Int32Array(1024);
  length = 0;

  constructor(
    private readonly codec: StateCodec<State>,
    private readonly spotCheck = new CodecSpotCheck(codec),
  ) {}

  push(state: State): void {
    const w = this.codec.words;
    this.reserve();
    this.codec.encode(state, this.words, this.length * w);
    this.spotCheck.after(state, this.words, this.length * w);
    this.length++;
  }
  get(k: number): State {
    return this.codec.decode(this.words, k * this.codec.words);
  }
  release(): void {}
  copyFrom(from: StateList<State>, k: number): void {
    const w = this.codec.words;
    this.reserve();
    // A plain loop: a state is a few words, and `subarray` would allocate a view per state.
    const source = (from as EncodedStates<State>).words;
    const words = this.words;
    const to = this.length * w;
    for (let i = 0; i < w; i++) words[to + i] = source[k * w + i];
    this.length++;
  }
  moveDown(from: number, to: number): void {
    const w = this.codec.words;
    const words = this.words;
    for (let i = 0; i < w; i++) words[to * w + i] = words[from * w + i];
  }
  truncate(length: number): void {
    this.length = length;
  }
  empty(): StateList<State> {
    return new EncodedStates(this.codec, this.spotCheck);
  }
  private reserve(): void {
    const need = (this.length + 1) * this.codec.words;
    if (need <= this.words.length) return;
    const grown = new Int32Array(Math.max(need, this.words.length * 2));
    grown.set(this.words.subarray(0, this.length * this.codec.words));
    this.words = grown;
  }
}
