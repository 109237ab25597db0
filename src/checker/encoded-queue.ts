/**
 * The BFS queue for models with a {@link StateCodec}: queued states are held as their encoding,
 * `codec.words` 32-bit words each in one growable ring, and decoded when popped. A 9-RM
 * two-phase-commit state is 3 words (12 bytes) here instead of a JS array of 12 numbers (about
 * 140 bytes), and the queue no longer keeps millions of objects alive for the garbage collector
 * to trace. Everything else behaves as {@link FifoQueue}. Internal.
 */
import { fingerprintInto } from './fingerprint.js';
import type { JobQueue } from './job-queue.js';
import type { StateCodec } from './model.js';

/** States whose round trip through the codec is checked (fingerprints compared). */
const SPOT_CHECKS = 1000;

export class EncodedFifoQueue<State> implements JobQueue<State, number> {
  private words: Int32Array;
  private refs: Int32Array;
  private bitsRing: Uint32Array;
  private depths: Int32Array;
  private head = 0;
  private mask: number;
  private checked = 0;
  private readonly fpA = new Uint32Array(2);
  private readonly fpB = new Uint32Array(2);
  size = 0;
  state!: State;
  ref = 0;
  bits = 0;
  depth = 0;

  constructor(
    private readonly codec: StateCodec<State>,
    capacity = 1024,
  ) {
    if (!Number.isInteger(codec.words) || codec.words < 1) throw new RangeError(`stateCodec.words must be a positive integer (got ${codec.words})`);
    this.words = new Int32Array(capacity * codec.words);
    this.refs = new Int32Array(capacity);
    this.bitsRing = new Uint32Array(capacity);
    this.depths = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  push(state: State, ref: number, bits: number, depth: number): void {
    if (this.size > this.mask) this.grow();
    const slot = (this.head + this.size) & this.mask;
    const w = this.codec.words;
    this.codec.encode(state, this.words, slot * w);
    if (this.checked < SPOT_CHECKS) this.spotCheck(state, slot * w);
    this.refs[slot] = ref;
    this.bitsRing[slot] = bits;
    this.depths[slot] = depth;
    this.size++;
  }

  pop(): void {
    const slot = this.head;
    this.state = this.codec.decode(this.words, slot * this.codec.words);
    this.ref = this.refs[slot];
    this.bits = this.bitsRing[slot];
    this.depth = this.depths[slot];
    this.head = (slot + 1) & this.mask;
    this.size--;
  }

  /** A codec that loses information would make the search explore other states: fail loudly. */
  private spotCheck(state: State, at: number): void {
    this.checked++;
    fingerprintInto(state, this.fpA);
    fingerprintInto(this.codec.decode(this.words, at), this.fpB);
    if (this.fpA[0] !== this.fpB[0] || this.fpA[1] !== this.fpB[1]) {
      throw new Error(`the model's stateCodec does not round-trip: decode(encode(state)) differs from the state ${JSON.stringify(state) ?? String(state)}`);
    }
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const w = this.codec.words;
    const words = new Int32Array(cap * w);
    const refs = new Int32Array(cap);
    const bits = new Uint32Array(cap);
    const depths = new Int32Array(cap);
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) & this.mask;
      words.set(this.words.subarray(slot * w, slot * w + w), i * w);
      refs[i] = this.refs[slot];
      bits[i] = this.bitsRing[slot];
      depths[i] = this.depths[slot];
    }
    this.words = words;
    this.refs = refs;
    this.bitsRing = bits;
    this.depths = depths;
    this.head = 0;
    this.mask = cap - 1;
  }

  /** Bytes held by the queue's arrays. */
  get byteLength(): number {
    return this.words.byteLength + this.refs.byteLength + this.bitsRing.byteLength + this.depths.byteLength;
  }
}
