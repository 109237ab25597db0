/**
 * The causal checks against the brute-force deciders of brute-force.ts on small random histories
 * (up to 8 operations, 2–3 sessions, 2 keys), for every level, both differentiated histories
 * (decided by the bad patterns) and histories with repeated values (decided by the search over
 * sources). Each run also asserts that valid and invalid verdicts both occur often enough.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAUSAL_LEVELS, checkCausal } from '../../consistency/causal/index.js';
import type { CausalLevel, CausalOperation } from '../../consistency/causal/index.js';
import { bruteForce } from './brute-force.js';
import type { TinyOp } from './brute-force.js';

const rawOp = fc.record({
  session: fc.integer({ min: 0, max: 2 }),
  write: fc.boolean(),
  key: fc.constantFrom('x', 'y'),
  pick: fc.integer({ min: 0, max: 19 }),
});

/** Writes get fresh values; a read returns 0, a value written to its key, or (rarely) a value never written. */
function differentiated(raw: readonly { session: number; write: boolean; key: string; pick: number }[]): TinyOp[] {
  let next = 1;
  const written: TinyOp[] = [];
  const ops = raw.map((r) => {
    if (r.write) {
      const op: TinyOp = { session: r.session, kind: 'write', key: r.key, value: next++ };
      written.push(op);
      return op;
    }
    return { session: r.session, kind: 'read' as const, key: r.key, value: -1, pick: r.pick };
  });
  return ops.map((op) => {
    if (op.kind === 'write') return op;
    const pick = (op as { pick: number }).pick;
    const options = written.filter((w) => w.key === op.key).map((w) => w.value);
    const value = pick === 19 ? 99 : pick < 3 || options.length === 0 ? 0 : options[pick % options.length];
    return { session: op.session, kind: 'read' as const, key: op.key, value };
  }).slice(0, 8);
}

/** One key; a read returns the initial value or a value written earlier in the list (flip-flops). */
function flipFlops(raw: readonly { session: number; write: boolean; key: string; pick: number }[]): TinyOp[] {
  const ops: TinyOp[] = [];
  for (const r of raw) {
    const earlier = ops.filter((w) => w.kind === 'write');
    if (r.write) ops.push({ session: r.session % 2, kind: 'write', key: 'x', value: earlier.length + 1 });
    else ops.push({ session: r.session, kind: 'read', key: 'x', value: r.pick < 4 || earlier.length === 0 ? 0 : earlier[r.pick % earlier.length].value });
  }
  return ops.slice(0, 8);
}

/**
 * Replicas: each session keeps its own copy of the keys; a write applies at once to the writer's
 * copy; a delivery step applies some other write to some copy (in any order, causal or not); a
 * read returns the reader's copy. This is how weakly consistent stores misbehave, and it yields
 * histories that separate the levels (opposite orders of concurrent writes, stale reads after
 * causal overwrites) far more often than independent random values.
 */
function replicated(raw: readonly { session: number; write: boolean; key: string; pick: number }[]): TinyOp[] {
  const copies = [0, 1, 2].map(() => new Map<string, number>());
  const pending: TinyOp[][] = [[], [], []];
  const ops: TinyOp[] = [];
  for (const r of raw) {
    const inbox = pending[r.session];
    // Mostly deliver a pending write; sometimes deliver an old write again (a replica that flips back).
    const again = ops.filter((w) => w.kind === 'write' && w.session !== r.session);
    if (r.pick >= 17 && again.length > 0) {
      const w = again[r.pick % again.length];
      copies[r.session].set(w.key, w.value);
      continue;
    }
    if (r.pick >= 10 && inbox.length > 0) {
      const [w] = inbox.splice(r.pick % inbox.length, 1);
      copies[r.session].set(w.key, w.value);
      continue;
    }
    if (r.write) {
      const op: TinyOp = { session: r.session, kind: 'write', key: r.key, value: ops.length + 1 };
      copies[r.session].set(r.key, op.value);
      pending.forEach((p, s) => void (s !== r.session ? p.push(op) : undefined));
      ops.push(op);
    } else ops.push({ session: r.session, kind: 'read', key: r.key, value: copies[r.session].get(r.key) ?? 0 });
  }
  return ops.slice(0, 8);
}

/** Values from {1, 2}: writes repeat values and reads are ambiguous. */
function repeated(raw: readonly { session: number; write: boolean; key: string; pick: number }[]): TinyOp[] {
  return raw.map((r): TinyOp => ({ session: r.session, kind: r.write ? 'write' : 'read', key: r.key, value: r.write ? 1 + (r.pick % 2) : r.pick % 3 })).slice(0, 8);
}

export function toOperations(ops: readonly TinyOp[]): CausalOperation[] {
  return ops.map((op, id) => ({ id, session: op.session, kind: op.kind, key: op.key, value: op.value, status: 'ok' as const }));
}

function verdict(ops: readonly TinyOp[], level: CausalLevel): boolean {
  const result = checkCausal(toOperations(ops), level, () => 0);
  if (result.valid === 'unknown') throw new Error('a tiny history came out unknown');
  return result.valid;
}

const SHAPES = [
  ['differentiated', differentiated, 250, 2],
  ['replicated', replicated, 150, 8],
  ['one-key', flipFlops, 150, 4],
  ['repeated values', repeated, 150, 2],
] as const;

describe('causal checks agree with brute force on random small histories', () => {
  it.each(CAUSAL_LEVELS.map((l) => [l]))('%s', (level) => {
    let valid = 0;
    let invalid = 0;
    for (const [, shape, runs, minLength] of SHAPES) {
      fc.assert(
        fc.property(fc.array(rawOp, { minLength, maxLength: 14 }), (raw) => {
          const ops = shape(raw);
          const expected = bruteForce(ops, level);
          if (expected) valid++;
          else invalid++;
          expect(verdict(ops, level)).toBe(expected);
        }),
        { numRuns: runs * Number(process.env.CAUSAL_RUNS_FACTOR ?? 1), seed: Number(process.env.CAUSAL_SEED ?? 15) },
      );
    }
    // The mix is asserted so the generators cannot drift into only valid or only invalid histories.
    expect(valid).toBeGreaterThan(100);
    expect(invalid).toBeGreaterThan(100);
  });
});

it('the replicated histories separate the levels (each pair differs on some history)', () => {
  const samples = fc.sample(fc.array(rawOp, { minLength: 8, maxLength: 14 }), { numRuns: 600, seed: 15 });
  const separations = new Set<string>();
  for (const raw of samples) {
    for (const ops of [replicated(raw), differentiated(raw), flipFlops(raw)]) {
    const verdicts = new Map(CAUSAL_LEVELS.map((l) => [l, bruteForce(ops, l)]));
    for (const a of CAUSAL_LEVELS) for (const b of CAUSAL_LEVELS) if (verdicts.get(a) && !verdicts.get(b)) separations.add(`${a} but not ${b}`);
    }
  }
  for (const expected of [
    'causal but not causal-convergence',
    'causal but not causal-memory',
    'causal-memory but not causal-convergence',
    'monotonic-reads but not read-your-writes',
    'read-your-writes but not monotonic-reads',
    'monotonic-writes but not causal',
    'writes-follow-reads but not causal',
  ]) {
    expect(separations).toContain(expected);
  }
});
