/**
 * Classic litmus histories (the table of what each level allows in docs/causal-consistency.md is rows of this list) with their verdicts at every level, the pattern reported, and the
 * explanation in words.
 */
import { describe, expect, it } from 'vitest';
import { CAUSAL_LEVELS, causalViolationDot, checkCausal, explainCausalViolation } from '../../consistency/causal/index.js';
import type { CausalLevel, CausalOperation, CausalResult } from '../../consistency/causal/index.js';
import { UNKNOWN } from '../../consistency/index.js';
import { bruteForce, sequentiallyConsistent } from './brute-force.js';
import type { TinyOp } from './brute-force.js';

const w = (session: number, key: string, value: number): TinyOp => ({ session, kind: 'write', key, value });
const r = (session: number, key: string, value: number): TinyOp => ({ session, kind: 'read', key, value });

const check = (ops: readonly TinyOp[], level: CausalLevel): CausalResult =>
  checkCausal(
    ops.map((op, id) => ({ id, ...op, status: 'ok' as const })),
    level,
    () => 0,
  );

type Verdicts = Partial<Record<CausalLevel | 'sequential', boolean>>;

const LITMUS: readonly { name: string; ops: TinyOp[]; verdicts: Verdicts; pattern?: Partial<Record<CausalLevel, string>> }[] = [
  {
    name: 'store buffering: each session writes one key and reads the other initial',
    ops: [w(0, 'x', 1), r(0, 'y', 0), w(1, 'y', 1), r(1, 'x', 0)],
    verdicts: { causal: true, 'causal-convergence': true, 'causal-memory': true, 'read-your-writes': true, 'monotonic-reads': true, sequential: false },
  },
  {
    name: 'a write, a read of it in another session, then a causally later read of the initial value',
    ops: [w(0, 'x', 1), r(1, 'x', 1), w(1, 'y', 1), r(2, 'y', 1), r(2, 'x', 0)],
    verdicts: { causal: false, 'causal-convergence': false, 'causal-memory': false, 'read-your-writes': true, 'monotonic-reads': true, sequential: false },
    pattern: { causal: 'WriteCOInitRead' },
  },
  {
    name: 'two concurrent writes seen in opposite orders by two sessions',
    ops: [w(0, 'x', 1), r(0, 'x', 2), w(1, 'x', 2), r(1, 'x', 1)],
    verdicts: { causal: true, 'causal-memory': true, 'causal-convergence': false, 'read-your-writes': false, 'monotonic-reads': true, sequential: false },
    pattern: { 'causal-convergence': 'CyclicCF', 'read-your-writes': 'CyclicWriteOrder' },
  },
  {
    name: 'a thin-air read',
    ops: [w(0, 'x', 1), r(1, 'x', 7)],
    verdicts: Object.fromEntries([...CAUSAL_LEVELS, 'sequential'].map((l) => [l, false])),
    pattern: Object.fromEntries(CAUSAL_LEVELS.map((l) => [l, 'ThinAirRead'])),
  },
  {
    name: 'a read of a causally overwritten value',
    ops: [w(0, 'x', 1), w(0, 'x', 2), r(1, 'x', 2), r(1, 'x', 1)],
    // Monotonic reads alone allows it: the write order may put 2 before 1 (only monotonic writes would forbid that).
    verdicts: { causal: false, 'causal-convergence': false, 'causal-memory': false, 'monotonic-reads': true, 'read-your-writes': true, sequential: false },
    pattern: { causal: 'WriteCORead' },
  },
  {
    name: 'a session flips between two concurrent writes',
    ops: [w(0, 'x', 1), w(1, 'x', 2), r(2, 'x', 1), r(2, 'x', 2), r(2, 'x', 1)],
    verdicts: { causal: true, 'causal-memory': false, 'causal-convergence': false, 'read-your-writes': true, 'monotonic-reads': false, sequential: false },
    pattern: { 'causal-memory': 'CyclicHB' },
  },
  {
    name: 'reading your own write, then the initial value',
    ops: [w(0, 'x', 1), r(0, 'x', 0)],
    verdicts: { causal: false, 'read-your-writes': false, 'monotonic-reads': true, 'monotonic-writes': true, 'writes-follow-reads': true },
    pattern: { 'read-your-writes': 'InitReadAfterOwnWrite', causal: 'WriteCOInitRead' },
  },
  {
    name: 'a session reads a key, then its initial value',
    ops: [w(0, 'x', 1), r(1, 'x', 1), r(1, 'x', 0)],
    verdicts: { causal: false, 'monotonic-reads': false, 'read-your-writes': true },
    pattern: { 'monotonic-reads': 'InitReadAfterRead' },
  },
];

describe.each(LITMUS)('$name', ({ ops, verdicts, pattern }) => {
  for (const [level, expected] of Object.entries(verdicts)) {
    it(`${level}: ${expected ? 'allowed' : 'forbidden'}`, () => {
      if (level === 'sequential') {
        expect(sequentiallyConsistent(ops)).toBe(expected);
        return;
      }
      const result = check(ops, level as CausalLevel);
      expect(result.valid).toBe(expected);
      expect(bruteForce(ops, level as CausalLevel)).toBe(expected);
      const wanted = pattern?.[level as CausalLevel];
      if (wanted && result.valid === false) expect(result.violation.pattern).toBe(wanted);
    });
  }
});

describe('explanations', () => {
  it('names the write, the read and the causal chain for a read of the initial value', () => {
    const result = check([w(0, 'x', 1), r(1, 'x', 1), w(1, 'y', 1), r(2, 'y', 1), r(2, 'x', 0)], 'causal');
    if (result.valid !== false) throw new Error('expected a violation');
    const words = explainCausalViolation(result.history, result.violation, result.source);
    expect(words).toEqual([
      '#4 read x=0 by session 2 returned the initial value, but it causally follows #0 write x=1 by session 0, which overwrote it:',
      '  #1 read x=1 by session 1 read what #0 write x=1 by session 0 wrote',
      '  in session 1, #1 read x=1 comes before #2 write y=1',
      '  #3 read y=1 by session 2 read what #2 write y=1 by session 1 wrote',
      '  in session 2, #3 read y=1 comes before #4 read x=0',
    ]);
    expect(result.violation.core.map((i) => result.history.operations[i].id)).toEqual([0, 1, 2, 3, 4]);
  });

  it('says which read forces each write order in a CyclicCF cycle, and draws it', () => {
    const result = check([w(0, 'x', 1), r(0, 'x', 2), w(1, 'x', 2), r(1, 'x', 1)], 'causal-convergence');
    if (result.valid !== false) throw new Error('expected a violation');
    const words = explainCausalViolation(result.history, result.violation, result.source).join('\n');
    expect(words).toContain('#0 write x=1 by session 0 must be applied before #2 write x=2 by session 1: #1 read x=2 by session 0 read #2 with #0 write x=1 by session 0 in its causal past');
    expect(words).toContain('#2 write x=2 by session 1 must be applied before #0 write x=1 by session 0: #3 read x=1 by session 1 read #0');
    const dot = causalViolationDot(result.history, result.violation, 'litmus');
    expect(dot).toContain('op0 -> op2 [label="applied before\\n(because of #1)"');
    expect(dot).toContain('subgraph cluster_1');
  });

  it('a session guarantee names the read that forces each write order', () => {
    const result = check([w(0, 'x', 1), r(0, 'x', 2), w(1, 'x', 2), r(1, 'x', 1)], 'read-your-writes');
    if (result.valid !== false) throw new Error('expected a violation');
    expect(explainCausalViolation(result.history, result.violation, result.source)).toEqual([
      'each step forces the next, and the last leads back to the first:',
      '  the write order must put #0 write x=1 by session 0 before #2 write x=2 by session 1: #1 read x=2 by session 0 returned #2 after its session wrote #0',
      '  the write order must put #2 write x=2 by session 1 before #0 write x=1 by session 0: #3 read x=1 by session 1 returned #0 after its session wrote #2',
      '  … and so back to #0 write x=1 by session 0',
    ]);
  });

  it('a thin-air read names the value and the initial value', () => {
    const result = check([w(0, 'x', 1), r(1, 'x', 7)], 'causal');
    if (result.valid !== false) throw new Error('expected a violation');
    expect(explainCausalViolation(result.history, result.violation, result.source)).toEqual(['#1 read x=7 by session 1 returned a value no operation wrote to x (its initial value is 0)']);
  });
});

describe('inputs with unknown outcomes', () => {
  it('a read with an unknown result constrains nothing, and a crashed write may have taken effect', () => {
    const ops: CausalOperation[] = [
      { id: 0, session: 0, kind: 'write', key: 'x', value: 1, status: 'info' },
      { id: 1, session: 1, kind: 'read', key: 'x', value: UNKNOWN, status: 'ok' },
      { id: 2, session: 1, kind: 'read', key: 'x', value: 1, status: 'ok' },
    ];
    for (const level of CAUSAL_LEVELS) expect(checkCausal(ops, level, () => 0).valid).toBe(true);
  });

  it('repeated values are searched, and the search ends in unknown when its bound runs out', () => {
    // Both writes of 1 are causally overwritten (by 2 and by 3) before session 2 reads 1, six
    // times: each choice of source for the first of those reads fails at once, so the search
    // stops after the first read's two candidates.
    const ops: TinyOp[] = [w(0, 'x', 1), w(0, 'x', 2), w(1, 'x', 1), w(1, 'x', 3), r(2, 'x', 2), r(2, 'x', 3)];
    for (let i = 0; i < 6; i++) ops.push(r(2, 'x', 1));
    expect(check(ops, 'causal')).toMatchObject({ valid: false, choices: 3 });
    // Valid, but it takes a choice beyond the first check.
    const valid: TinyOp[] = [w(0, 'x', 1), w(1, 'x', 1), r(2, 'x', 1), r(2, 'x', 1)];
    expect(check(valid, 'causal')).toMatchObject({ valid: true, choices: 3 });
    const bounded = checkCausal(
      valid.map((op, id) => ({ id, ...op, status: 'ok' as const })),
      'causal',
      () => 0,
      { maxChoices: 2 },
    );
    expect(bounded).toMatchObject({ valid: 'unknown', reason: 'limit', choices: 2 });
  });
});
