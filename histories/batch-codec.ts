/**
 * A batch of partitions as it travels to a history-checking worker. Structured cloning of a
 * million small objects (and even one JSON text of them) costs about as much as checking them,
 * so operations travel as numbers: id, call and return in a Float64Array (returns may be
 * Infinity), and process, input and output as codes into a table of the batch's distinct values
 * (a register history has a handful), sent once as JSON. The worker's operations then share
 * those values, which are immutable data to every model. Internal.
 *
 * Soundness of the table: two values share a code only when their JSON texts are equal (see
 * ValueTable), and JSON text is one-to-one on JSON-safe values (plain objects and arrays without
 * holes, strings, booleans, null, finite numbers other than -0), which JSON.parse gives back
 * equal. A value that is not JSON-safe (NaN, a Map, a class instance) gets a code of its own, and
 * its batch sends the table by structured clone.
 */
import { UNKNOWN } from '../consistency/model.js';
import type { Operation, OperationStatus } from '../consistency/model.js';

const STATUSES: readonly OperationStatus[] = ['ok', 'info', 'optional', 'fail'];
/** The code of an unknown output (a symbol, which neither JSON nor structured cloning carries). */
const UNKNOWN_CODE = -1;

export interface EncodedBatch {
  /** Each partition's index in the check and number of operations, in order. */
  readonly indices: readonly number[];
  readonly sizes: readonly number[];
  /** id, call, return of each operation. */
  readonly numbers: Float64Array<ArrayBuffer>;
  /** process, input, output of each operation, as codes into the table. */
  readonly codes: Int32Array<ArrayBuffer>;
  readonly statuses: Uint8Array<ArrayBuffer>;
  /** The table as JSON, or null when it is sent as `values`. */
  readonly tableJson: string | null;
  readonly values: readonly unknown[] | null;
}

/** A node of the trie of shapes: where each step (a key, or an element's code) leads, and the code of the value that ends here. */
interface ShapeNode {
  readonly next: Map<unknown, ShapeNode>;
  code: number;
}

const newNode = (): ShapeNode => ({ next: new Map(), code: -1 });

/**
 * Interns values: one code per distinct JSON-safe value, one per occurrence of any other. An
 * array or plain object is known by its *shape*: its kind, then its elements' codes (an
 * object: each key, a string, followed by its value's code, a number, so the two never
 * collide), walked in a trie, which is cheaper than its JSON text (each element is interned once,
 * and no string is built). Two values with the same shape have equal elements under the same
 * keys in the same order, so equal JSON texts; and a value that is not JSON-safe gets a fresh
 * code, so every value holding it has a shape of its own.
 */
class ValueTable {
  readonly values: unknown[] = [];
  jsonSafe = true;
  private readonly primitives = new Map<unknown, number>();
  private readonly arrays = newNode();
  private readonly objects = newNode();

  code(value: unknown): number {
    if (typeof value !== 'object' || value === null) {
      // (A Map key, like JSON, does not tell -0 from 0: isJsonPrimitive sends -0 apart.)
      if (!isJsonPrimitive(value)) return this.unsafe(value);
      let code = this.primitives.get(value);
      if (code === undefined) {
        code = this.add(value);
        this.primitives.set(value, code);
      }
      return code;
    }
    let node: ShapeNode;
    if (Array.isArray(value)) {
      node = this.arrays;
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) return this.unsafe(value);
        node = step(node, this.code(value[i]));
      }
    } else {
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return this.unsafe(value);
      node = this.objects;
      const object = value as { readonly [key: string]: unknown };
      for (const key in object) node = step(step(node, key), this.code(object[key]));
    }
    if (node.code < 0) node.code = this.add(value);
    return node.code;
  }

  private unsafe(value: unknown): number {
    this.jsonSafe = false;
    return this.add(value);
  }

  private add(value: unknown): number {
    this.values.push(value);
    return this.values.length - 1;
  }
}

function step(node: ShapeNode, key: unknown): ShapeNode {
  let next = node.next.get(key);
  if (next === undefined) node.next.set(key, (next = newNode()));
  return next;
}

export function encodeBatch(jobs: readonly { readonly index: number; readonly ops: readonly Operation<unknown, unknown>[] }[]): EncodedBatch {
  const count = jobs.reduce((sum, job) => sum + job.ops.length, 0);
  const numbers = new Float64Array(3 * count);
  const codes = new Int32Array(3 * count);
  const statuses = new Uint8Array(count);
  const table = new ValueTable();
  let at = 0;
  for (const job of jobs) {
    for (const op of job.ops) {
      numbers[3 * at] = op.id;
      numbers[3 * at + 1] = op.call;
      numbers[3 * at + 2] = op.return;
      codes[3 * at] = table.code(op.process);
      codes[3 * at + 1] = table.code(op.input);
      codes[3 * at + 2] = op.output === UNKNOWN ? UNKNOWN_CODE : table.code(op.output);
      statuses[at] = STATUSES.indexOf(op.status);
      at++;
    }
  }
  const sizes = jobs.map((job) => job.ops.length);
  const indices = jobs.map((job) => job.index);
  return table.jsonSafe
    ? { indices, sizes, numbers, codes, statuses, tableJson: JSON.stringify(table.values), values: null }
    : { indices, sizes, numbers, codes, statuses, tableJson: null, values: table.values };
}

export function decodeBatch(batch: EncodedBatch): { readonly index: number; readonly ops: Operation<unknown, unknown>[] }[] {
  const values = batch.values ?? (JSON.parse(batch.tableJson as string) as unknown[]);
  const { numbers, codes, statuses } = batch;
  let at = 0;
  return batch.indices.map((index, k) => {
    const ops: Operation<unknown, unknown>[] = [];
    for (const end = at + batch.sizes[k]; at < end; at++) {
      const output = codes[3 * at + 2];
      ops.push({
        id: numbers[3 * at],
        process: values[codes[3 * at]] as number | string,
        input: values[codes[3 * at + 1]],
        output: output === UNKNOWN_CODE ? UNKNOWN : values[output],
        status: STATUSES[statuses[at]],
        call: numbers[3 * at + 1],
        return: numbers[3 * at + 2],
      });
    }
    return { index, ops };
  });
}

/** Does JSON carry this primitive unchanged? */
function isJsonPrimitive(value: unknown): boolean {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'string':
    case 'boolean':
      return true;
    default:
      return value === null;
  }
}
