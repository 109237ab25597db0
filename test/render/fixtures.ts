/** Small and large histories for the render tests. */
import { UNKNOWN } from '../../consistency/model.js';
import type { Operation } from '../../consistency/model.js';
import type { RegisterInput } from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';

type Op = Operation<RegisterInput, Value>;

const write = (id: number, process: number, value: number, call: number, ret: number): Op => ({ id, process, input: { f: 'write', value }, output: null, status: 'ok', call, return: ret });
const read = (id: number, process: number, value: Value, call: number, ret: number): Op => ({ id, process, input: { f: 'read' }, output: value, status: 'ok', call, return: ret });

/**
 * A stale read: write 3 finishes, then write 4 finishes, then a read returns 3. Plus noise that
 * the core must drop: an overlapping read, an indeterminate write and a failed write.
 */
export function staleReadHistory(): Op[] {
  return [
    write(0, 0, 3, 0, 2),
    read(1, 3, 3, 1, 3),
    write(2, 2, 4, 4, 6),
    { id: 3, process: 4, input: { f: 'write', value: 9 }, output: UNKNOWN, status: 'info', call: 5, return: Infinity },
    { id: 4, process: 0, input: { f: 'write', value: 7 }, output: UNKNOWN, status: 'fail', call: 7, return: 8 },
    read(5, 1, 3, 9, 11),
    read(6, 2, 4, 10, 12),
  ];
}

/**
 * `n` ops over `processes` processes on a correct register (valid), with one stale read at the
 * end when `stale` is set. Deterministic (a linear congruential generator), so runs compare.
 */
export function longHistory(n: number, processes: number, stale: boolean): Op[] {
  let seed = 12345;
  const rand = (k: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % k;
  };
  const ops: Op[] = [];
  let value: Value = null;
  let clock = 0;
  let previousWrite: number | null = null;
  for (let id = 0; id < n; id++) {
    const process = rand(processes);
    const call = clock;
    const ret = clock + 1 + rand(3);
    clock += 2;
    if (stale && id === n - 1) {
      ops.push(read(id, process, previousWrite, call, ret));
      break;
    }
    if (rand(2) === 0) {
      previousWrite = value as number | null;
      value = id;
      ops.push(write(id, process, id, call, ret));
    } else ops.push(read(id, process, value, call, ret));
  }
  // Ops overlap only when a process is idle: re-assign so no process runs two at once.
  const busyUntil = new Map<number, number>();
  return ops.map((op) => {
    let p = op.process as number;
    while ((busyUntil.get(p) ?? -1) >= op.call) p = (p + 1) % (processes * 2);
    busyUntil.set(p, op.return);
    return { ...op, process: p };
  });
}
