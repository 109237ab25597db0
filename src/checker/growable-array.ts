/**
 * Typed arrays that grow in place, for the explored graph's per-node and per-edge columns
 * (liveness-graph.ts). Internal.
 *
 * Each array views a resizable ArrayBuffer (ES2024, in Node since 20) that reserves address space
 * up to 4 GiB and commits pages as it grows, so growing copies nothing and leaves no half-empty
 * doubled array behind. Appending 20 million numbers one by one took a third of the time it takes
 * with doubling-and-copying arrays, and reading them back at random took the same time (measured
 * on the 2-core development machine). Past the reservation, or where resizable buffers are
 * missing, an array grows the ordinary way: a larger copy.
 */

/** The most a resizable ArrayBuffer may reserve in Node 20 and 22. */
const MAX_BYTES = 2 ** 32;

type Column = Int32Array | Uint32Array | Uint16Array;

interface ColumnType<T extends Column> {
  new (length: number): T;
  new (buffer: ArrayBufferLike): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** The parts of ES2024's resizable ArrayBuffer used here (the project's lib is ES2023). */
interface ResizableBuffer extends ArrayBuffer {
  readonly resizable: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}

type ResizableBufferConstructor = new (byteLength: number, options: { maxByteLength: number }) => ResizableBuffer;

/** A zeroed array of `length` elements that {@link grownTo} grows in place. */
export function growableArray<T extends Column>(type: ColumnType<T>, length: number): T {
  try {
    const buffer = new (ArrayBuffer as unknown as ResizableBufferConstructor)(length * type.BYTES_PER_ELEMENT, { maxByteLength: MAX_BYTES });
    if (buffer.resizable === true) return new type(buffer);
  } catch {
    // No resizable buffers here: ordinary arrays.
  }
  return new type(length);
}

/**
 * `array` with room for at least `needed` elements (new ones zero), keeping its elements. In
 * place, by a quarter at a time (resizing commits pages and copies nothing, so the columns stay
 * within a quarter of what they hold); else a copy of twice the size. `type` must be the
 * array's own type.
 */
export function grownTo<T extends Column>(array: T, type: ColumnType<T>, needed: number): T {
  const buffer = array.buffer as ResizableBuffer;
  const bpe = type.BYTES_PER_ELEMENT;
  const inPlace = Math.max(needed, Math.ceil(array.length * 1.25)) * bpe;
  if (buffer.resizable === true && inPlace <= buffer.maxByteLength) {
    buffer.resize(inPlace);
    return array;
  }
  const copy = growableArray(type, Math.max(needed, array.length * 2));
  copy.set(array);
  return copy;
}
