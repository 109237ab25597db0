/**
 * The BFS queue for models with a {@link StateCodec}: queued states are held as their encoding,
 * `codec.words` 32-bit words each in one growable ring, and decoded when popped. A 9-RM
 * two-phase-commit state is 3 words (12 bytes) here instead of a JS array of 12 numbers (about
 * 140 bytes), so the garbage collector has no millions of queued objects to trace. Everything else behaves as {@link FifoQueue}. Internal.
 */
import { unwrapRing, type JobQueue } from './job-queue.js';
import type { StateCodec } from './model.js';
import { CodecSpotCheck } from './state-list.js';

export class EncodedFifoQueue<State> implements JobQueue<State, number> {
  private words: Int32Array;
  private refs: Int32Array;
  private bitsRing: Uint32Array;
  private depths: Int32Array;
  private head = 0;
  private mask: number;
  private readonly spotCheck: CodecSpotCheck<State>;
  size = 0;
  state!: State;
  ref = 0;
  bits = 0;
  depth = 0;

  constructor(
    private readonly codec: StateCodec<State>,
    capacity = 1024,
  ) {
    this.spotCheck = new CodecSpotCheck(codec);
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
    this.spotCheck.after(state, this.words, slot * w);
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

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const w = this.codec.words;
    const words = new Int32Array(cap * w);
    const refs = new Int32Array(cap);
    const bits = new Uint32Array(cap);
    const depths = new Int32Array(cap);
    unwrapRing(this.words, words, this.head, this.size, this.mask, w);
    unwrapRing(this.refs, refs, this.head, this.size, this.mask);
    unwrapRing(this.bitsRing, bits, this.head, this.size, this.mask);
    unwrapRing(this.depths, depths, this.head, this.size, this.mask);
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
