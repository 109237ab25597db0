/**
 * Small random workloads (operation generators over a true object) shared by the tests that
 * compare the engine with the brute-force enumerator.
 */
import fc from 'fast-check';
import type { AnyModel } from '../../consistency/model.js';
import {
  casRegisterModel,
  fifoQueueModel,
  kvModel,
  mutexModel,
  registerModel,
  setModel,
  vecModel,
} from '../../consistency/models/index.js';
import type { Value } from '../../consistency/value.js';
import type { OpSpec, Workload } from './random-histories.js';

const small = fc.integer({ min: 0, max: 2 });
const keyOf = fc.constantFrom('x', 'y');
type Store = { readonly [key: string]: string };

export const workloads: Record<string, { model: AnyModel; workload: Workload<unknown> }> = {
  register: {
    model: registerModel(0),
    workload: {
      init: 0,
      op: fc.oneof(
        small.map((v): OpSpec<unknown> => ({ input: { f: 'write', value: v }, run: () => ({ output: null, next: v }), wrong: null })),
        small.map((w): OpSpec<unknown> => ({ input: { f: 'read' }, run: (s) => ({ output: s, next: s }), wrong: w })),
      ),
    },
  },
  'cas-register': {
    model: casRegisterModel(0),
    workload: {
      init: 0,
      op: fc.oneof(
        small.map((v): OpSpec<unknown> => ({ input: { f: 'write', value: v }, run: () => ({ output: null, next: v }), wrong: null })),
        small.map((w): OpSpec<unknown> => ({ input: { f: 'read' }, run: (s) => ({ output: s, next: s }), wrong: w })),
        fc.tuple(small, small).map(
          ([a, b]): OpSpec<unknown> => ({
            input: { f: 'cas', expected: a, value: b },
            run: (s) => (s === a ? { output: true, next: b } : { output: false, next: s }),
            wrong: a % 2 === 0,
          }),
        ),
      ),
    },
  },
  // Two keys, so that the engine's split by key (linearizability) and its whole-store search
  // (sequential consistency) are both compared with the oracle, which steps the whole store.
  kv: {
    model: kvModel(),
    workload: {
      init: {},
      op: fc.oneof(
        fc.tuple(keyOf, small).map(([key, v]): OpSpec<unknown> => ({ input: { f: 'put', key, value: String(v) }, run: (s) => ({ output: null, next: { ...(s as Store), [key]: String(v) } }), wrong: null })),
        fc.tuple(keyOf, small).map(([key, v]): OpSpec<unknown> => ({ input: { f: 'append', key, value: String(v) }, run: (s) => ({ output: null, next: { ...(s as Store), [key]: ((s as Store)[key] ?? '') + String(v) } }), wrong: null })),
        fc.tuple(keyOf, small).map(([key, w]): OpSpec<unknown> => ({ input: { f: 'get', key }, run: (s) => ({ output: (s as Store)[key] ?? '', next: s }), wrong: String(w) })),
        fc.tuple(keyOf, small, small, fc.boolean()).map(
          ([key, a, b, wrong]): OpSpec<unknown> => ({
            input: { f: 'cas', key, from: a === 0 ? '' : String(a), to: String(b) },
            run: (s) => {
              const held = (s as Store)[key] ?? '';
              const from = a === 0 ? '' : String(a);
              return held === from ? { output: true, next: { ...(s as Store), [key]: String(b) } } : { output: false, next: s };
            },
            wrong,
          }),
        ),
      ),
    },
  },
  'fifo-queue': {
    model: fifoQueueModel(),
    workload: {
      init: [],
      op: fc.oneof(
        small.map((v): OpSpec<unknown> => ({ input: { f: 'enqueue', value: v }, run: (s) => ({ output: null, next: [...(s as Value[]), v] }), wrong: null })),
        small.map(
          (w): OpSpec<unknown> => ({
            input: { f: 'dequeue' },
            run: (s) => {
              const q = s as Value[];
              return q.length === 0 ? { output: null, next: q } : { output: q[0], next: q.slice(1) };
            },
            wrong: w,
          }),
        ),
      ),
    },
  },
  vec: {
    model: vecModel(),
    workload: {
      init: [],
      op: fc.oneof(
        small.map((v): OpSpec<unknown> => ({ input: { f: 'push', value: v }, run: (s) => ({ output: null, next: [...(s as Value[]), v] }), wrong: null })),
        small.map(
          (w): OpSpec<unknown> => ({
            input: { f: 'pop' },
            run: (s) => {
              const q = s as Value[];
              return q.length === 0 ? { output: null, next: q } : { output: q[q.length - 1], next: q.slice(0, -1) };
            },
            wrong: w,
          }),
        ),
        small.map((w): OpSpec<unknown> => ({ input: { f: 'len' }, run: (s) => ({ output: (s as Value[]).length, next: s }), wrong: w })),
      ),
    },
  },
  set: {
    model: setModel(),
    workload: {
      init: [],
      op: fc.oneof(
        small.map(
          (v): OpSpec<unknown> => ({
            input: { f: 'add', value: v },
            run: (s) => ({ output: null, next: (s as number[]).includes(v) ? s : [...(s as number[]), v].sort() }),
            wrong: null,
          }),
        ),
        fc.subarray([0, 1, 2]).map((w): OpSpec<unknown> => ({ input: { f: 'read' }, run: (s) => ({ output: s, next: s }), wrong: w })),
      ),
    },
  },
  mutex: {
    model: mutexModel(),
    workload: {
      init: false,
      op: fc.constantFrom<OpSpec<unknown>>(
        { input: { f: 'acquire' }, run: (held) => ({ output: null, next: held === false ? true : 'broken' }), wrong: null },
        { input: { f: 'release' }, run: (held) => ({ output: null, next: held === true ? false : 'broken' }), wrong: null },
      ),
    },
  },
};

