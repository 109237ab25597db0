/**
 * A file as a stream of chunks of whole lines, read synchronously (the history API is
 * synchronous) through one reused buffer, so that a long history is never held whole as text.
 */
import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read at a time: large enough that reading costs little per call, small beside any history worth streaming. */
export const CHUNK_BYTES = 1 << 20;
/** The smallest buffer worth reading through, for files that are (or claim to be) tiny. */
export const MIN_CHUNK_BYTES = 4096;

export interface LineChunk {
  /** Whole lines (each ending with a newline), except in the last chunk. */
  readonly text: string;
  /** The 1-based line number of the chunk's first line. */
  readonly firstLine: number;
  /** The end of the file. */
  readonly last: boolean;
}

/** The chunks of the open file `fd`, in order; a line longer than a chunk is carried whole into the next. */
export function* lineChunks(fd: number, chunkBytes = CHUNK_BYTES): Generator<LineChunk> {
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = 1;
  for (;;) {
    const read = readSync(fd, buffer, 0, chunkBytes, null);
    if (read === 0) {
      yield { text: carry + decoder.end(), firstLine: line, last: true };
      return;
    }
    const text = carry + decoder.write(buffer.subarray(0, read));
    const cut = text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    if (cut === 0) continue;
    yield { text: text.slice(0, cut), firstLine: line, last: false };
    for (let at = text.indexOf('\n'); at >= 0 && at < cut; at = text.indexOf('\n', at + 1)) line++;
  }
}
