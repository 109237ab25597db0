/**
 * What crosses the network in a cluster run: batches of successor records, the end-of-level
 * marker that follows a worker's last batch to an owner, and the shard log's records (the same
 * record layout). Internal.
 *
 * A message is 32-bit little-endian words: a header `[kind, level, epoch, from, count, seq]`, then
 * `count` records `[fp0, fp1, parent0, parent1, action, bits, byteLength, payload…]`, the
 * payload (the state's encoding) padded to a whole word. Roots (init states) have the parent
 * `(0, 0)` and the action `initIndex | ROOT`. Word alignment lets both ends read records through
 * one `Uint32Array` without copying.
 *
 * `seq` numbers a sender's batches to one owner within one attempt of a level (0, 1, …) and a
 * shard's log messages within one attempt; an end-of-level marker's `count` is how many batches
 * its sender sent to that owner in the attempt. A receiver thus knows when it has every batch,
 * whatever order they arrive in and however often one is delivered again.
 */
import { fingerprintInto } from '../checker/fingerprint.js';
import type { Model } from '../checker/model.js';

export const KIND_BATCH = 1;
export const KIND_END = 2;
export const KIND_LOG = 3;
export const KIND_LOG_END = 4;

export const HEADER_WORDS = 6;
export const RECORD_WORDS = 7;
/** Marks the action word of a root record: the low bits are the init index. */
export const ROOT = 0x80000000;

/**
 * How a state travels: a model's fixed-width {@link StateCodec} (as words) or its variable-length
 * {@link StateSerializer} (as bytes). Internal form of both.
 */
export interface WireCodec<State> {
  /** Appends the encoding of `state` to `out` and returns its byte length. */
  encode(state: State, out: RecordWriter): number;
  decode(bytes: Uint8Array, offset: number, length: number): State;
}

/** A model's codec for the wire, or a message saying why it cannot run on a cluster. */
export function wireCodecOf<State>(model: Model<State, unknown>): WireCodec<State> | string {
  const words = model.stateCodec;
  if (words !== undefined) {
    const scratch = new Int32Array(words.words);
    const bytes = new Uint8Array(scratch.buffer);
    return {
      encode(state, out) {
        words.encode(state, scratch, 0);
        out.bytes(bytes);
        return bytes.length;
      },
      decode(source, offset, length) {
        if (length !== bytes.length) throw new Error(`a state encoding of ${length} bytes, expected ${bytes.length}`);
        // The payload is word-aligned inside a word-aligned message, so a view is enough.
        return words.decode(new Int32Array(source.buffer, source.byteOffset + offset, words.words), 0);
      },
    };
  }
  const serializer = model.stateSerializer;
  if (serializer !== undefined) {
    // A serializer that loses information would make the cluster explore other states than the
    // model's: the first encodings are decoded again and their fingerprints compared.
    let checked = 0;
    const original = new Uint32Array(2);
    const decoded = new Uint32Array(2);
    return {
      encode(state, out) {
        const b = serializer.serialize(state);
        if (checked < SPOT_CHECKS) {
          checked++;
          fingerprintInto(state, original);
          fingerprintInto(serializer.deserialize(b), decoded);
          if (original[0] !== decoded[0] || original[1] !== decoded[1]) {
            throw new Error(`the model's stateSerializer does not round-trip: deserialize(serialize(state)) differs from the state ${formatForError(state)}`);
          }
        }
        out.bytes(b);
        return b.length;
      },
      decode: (source, offset, length) => serializer.deserialize(source.subarray(offset, offset + length)),
    };
  }
  return (
    'the model has neither a stateCodec nor a stateSerializer, so its states cannot be sent to other machines; ' +
    'give it one of them (see Model.stateCodec and Model.stateSerializer) to check it on a cluster'
  );
}

const SPOT_CHECKS = 1000;

function formatForError(state: unknown): string {
  try {
    return (JSON.stringify(state) ?? String(state)).slice(0, 500);
  } catch {
    return String(state);
  }
}

/** Builds one message: a header, then records appended one by one. */
export class RecordWriter {
  private buf = new Uint8Array(1 << 12);
  private words = new Uint32Array(this.buf.buffer);
  /** Bytes written so far (always a multiple of 4 between records). */
  length = HEADER_WORDS * 4;
  count = 0;

  constructor(
    private readonly kind: number,
    readonly from: number,
  ) {}

  /** Appends a record whose payload is written by `payload` (which calls {@link bytes}). */
  record(fp0: number, fp1: number, parent0: number, parent1: number, action: number, bits: number, payload: (w: RecordWriter) => number): void {
    this.reserve(RECORD_WORDS * 4);
    const at = this.length >> 2;
    const w = this.words;
    w[at] = fp0;
    w[at + 1] = fp1;
    w[at + 2] = parent0;
    w[at + 3] = parent1;
    w[at + 4] = action;
    w[at + 5] = bits;
    this.length += RECORD_WORDS * 4;
    const n = payload(this);
    this.words[at + 6] = n;
    this.length = (this.length + 3) & ~3;
    this.count++;
  }

  /** Copies a record as read by a {@link RecordReader} (same layout). */
  copy(from: RecordReader): void {
    const n = from.payloadLength;
    this.record(from.fp0, from.fp1, from.parent0, from.parent1, from.action, from.bits, (w) => {
      w.bytes(from.bytes.subarray(from.payloadOffset, from.payloadOffset + n));
      return n;
    });
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length + 3);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** The finished message (a copy), and the writer emptied for the next one. */
  take(level: number, epoch: number, seq = 0): Uint8Array {
    const w = this.words;
    w[0] = this.kind;
    w[1] = level;
    w[2] = epoch;
    w[3] = this.from;
    w[4] = this.count;
    w[5] = seq;
    const out = this.buf.slice(0, this.length);
    this.length = HEADER_WORDS * 4;
    this.count = 0;
    return out;
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.words = new Uint32Array(next.buffer);
  }
}

/** A message with no records: an end-of-level marker or a log's end of level. */
export function headerOnly(kind: number, level: number, epoch: number, from: number, count: number): Uint8Array {
  return new Uint8Array(Uint32Array.of(kind, level, epoch, from, count, 0).buffer);
}

export interface Header {
  readonly kind: number;
  readonly level: number;
  readonly epoch: number;
  readonly from: number;
  readonly count: number;
  readonly seq: number;
}

export class WireFormatError extends Error {
  override name = 'WireFormatError';
}

/** Reads a message's header; the bytes are copied when not word-aligned. */
export function readHeader(data: Uint8Array): { header: Header; bytes: Uint8Array } {
  if (data.length < HEADER_WORDS * 4 || data.length % 4 !== 0) throw new WireFormatError(`a cluster message of ${data.length} bytes is not a whole number of words`);
  // A copy when misaligned (new Uint8Array copies; a Node Buffer's slice() would not).
  const bytes = data.byteOffset % 4 === 0 ? data : new Uint8Array(data);
  const w = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
  return { header: { kind: w[0], level: w[1], epoch: w[2], from: w[3], count: w[4], seq: w[5] }, bytes };
}

/** Walks the records of a message: `next()` moves to the next one and exposes its fields. */
export class RecordReader {
  private readonly words: Uint32Array;
  private at = HEADER_WORDS;
  private left: number;
  fp0 = 0;
  fp1 = 0;
  parent0 = 0;
  parent1 = 0;
  action = 0;
  bits = 0;
  payloadOffset = 0;
  payloadLength = 0;

  constructor(
    readonly bytes: Uint8Array,
    count: number,
  ) {
    this.words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
    this.left = count;
  }

  next(): boolean {
    if (this.left === 0) return false;
    const w = this.words;
    const at = this.at;
    if (at + RECORD_WORDS > w.length) throw new WireFormatError('a cluster message ends inside a record');
    this.fp0 = w[at];
    this.fp1 = w[at + 1];
    this.parent0 = w[at + 2];
    this.parent1 = w[at + 3];
    this.action = w[at + 4];
    this.bits = w[at + 5];
    this.payloadLength = w[at + 6];
    this.payloadOffset = (at + RECORD_WORDS) * 4;
    this.at = at + RECORD_WORDS + ((this.payloadLength + 3) >> 2);
    if (this.at > w.length) throw new WireFormatError('a cluster message ends inside a state encoding');
    this.left--;
    return true;
  }
}

/** Order of fingerprints and of (parent, action) pairs: unsigned, word 0 first. */
export function compareFp(a0: number, a1: number, b0: number, b1: number): number {
  return a0 !== b0 ? (a0 >>> 0 < b0 >>> 0 ? -1 : 1) : a1 !== b1 ? (a1 >>> 0 < b1 >>> 0 ? -1 : 1) : 0;
}
