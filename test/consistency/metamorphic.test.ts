/**
 * Metamorphic properties of the verdicts, over random single-key and multi-key histories read
 * through the same path as `stateright check` (JSON Lines text, `parseHistory`):
 * - every verdict respects LIN ⇒ SC ⇒ CCv ⇒ CC and SC ⇒ CM ⇒ CC;
 * - a model checked through its partitioning and the same model's whole-state form agree at every
 *   level (`kv` and `kv-nopartition`; the model with its partitioning and without it);
 * - with `--independent`, each key's verdict is that of the key's sub-history checked alone.
 * A per-partition state run on a history of several keys breaks the second property at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CausalHistory, checkCausalHistory } from '../../consistency/causal/index.js';
import type { CausalLevel } from '../../consistency/causal/index.js';
import { checkHistory } from '../../consistency/engine/check.js';
import type { Consistency } from '../../consistency/check-result.js';
import type { AnyModel } from '../../consistency/model.js';
import { MODEL_NAMES, modelByName } from '../../consistency/models/index.js';
import { parseHistory, toCausalInput } from '../../histories/index.js';
import type { HistoryModelName, LoadedHistory } from '../../histories/index.js';

type Verdict = boolean | 'unknown';
type Level = Consistency | 'causal' | 'causal-convergence' | 'causal-memory';
const LEVELS: readonly Level[] = ['linearizable', 'sequential', 'causal-convergence', 'causal-memory', 'causal'];
/** [stronger, weaker]: a history that satisfies the first satisfies the second. */
const IMPLICATIONS: readonly (readonly [Level, Level])[] = [
  ['linearizable', 'sequential'],
  ['sequential', 'causal-convergence'],
  ['causal-convergence', 'causal'],
  ['sequential', 'causal-memory'],
  ['causal-memory', 'causal'],
];
const TIME_LIMIT_MS = 20_000;

interface Step {
  readonly process: number;
  readonly write: boolean;
  readonly key: number;
  /** For a read: 0 reads the current value; n > 0 the value n - 1 versions before the one current at its call. */
  readonly stale: number;
  readonly crash: boolean;
}

interface Script {
  readonly processes: number;
  readonly keys: number;
  readonly steps: readonly Step[];
  readonly interleaving: readonly number[];
}

const scriptArbitrary = (maxKeys: number): fc.Arbitrary<Script> =>
  fc.record({
    processes: fc.integer({ min: 2, max: 3 }),
    // Mostly several keys, where a per-key check and a whole-store check can differ.
    keys: maxKeys === 1 ? fc.constant(1) : fc.constantFrom(1, 2, 2, 2),
    steps: fc.array(
      fc.record({
        process: fc.nat(3),
        write: fc.boolean(),
        key: fc.nat(1),
        stale: fc.constantFrom(0, 1, 2, 2),
        crash: fc.constantFrom(false, false, false, false, false, false, true),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    interleaving: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  });

/** One recorded operation: invoke, then (unless it crashed) ok, at event positions. */
interface Recorded {
  readonly process: number;
  readonly key: string;
  readonly write: boolean;
  readonly value: string | null;
  readonly call: number;
  readonly ret: number | null;
}

/**
 * Runs the script against one true store that applies each operation when it completes (so a
 * history without stale reads is linearizable); a stale read returns an older value of its key,
 * and a crashed write takes effect or not at random (its process then stops). Values are unique
 * per key, as the causal checks want them.
 */
function run(script: Script): Recorded[] {
  const keyName = (k: number): string => 'xy'[k % script.keys];
  const queues: Step[][] = Array.from({ length: script.processes }, () => []);
  for (const step of script.steps) queues[step.process % script.processes].push(step);
  const versions = new Map<string, string[]>();
  const written = new Map<string, number>();
  const open = new Map<number, { step: Step; call: number; value: string | null; seen: number }>();
  const stopped = new Set<number>();
  const out: Recorded[] = [];
  let clock = 0;
  for (let choice = 0; ; choice++) {
    const ready = queues.map((_, p) => p).filter((p) => !stopped.has(p) && (open.has(p) || queues[p].length > 0));
    if (ready.length === 0) break;
    const p = ready[script.interleaving[choice % script.interleaving.length] % ready.length];
    const pending = open.get(p);
    if (pending === undefined) {
      const step = queues[p].shift()!;
      const key = keyName(step.key);
      let value: string | null = null;
      if (step.write) {
        const n = (written.get(key) ?? 0) + 1;
        written.set(key, n);
        value = `${key}${n}`;
      }
      open.set(p, { step, call: clock++, value, seen: (versions.get(key) ?? ['']).length });
      continue;
    }
    open.delete(p);
    const { step } = pending;
    const key = keyName(step.key);
    const history = versions.get(key) ?? [''];
    if (step.write) {
      if (step.crash) {
        if (step.stale > 0) versions.set(key, [...history, pending.value!]);
        out.push({ process: p, key, write: true, value: pending.value, call: pending.call, ret: null });
        stopped.add(p);
        continue;
      }
      versions.set(key, [...history, pending.value!]);
      out.push({ process: p, key, write: true, value: pending.value, call: pending.call, ret: clock++ });
    } else {
      // A stale read returns what the key held when it was called, or an older value still.
      const read = step.stale === 0 ? history[history.length - 1] : history[Math.max(0, pending.seen - step.stale)];
      out.push({ process: p, key, write: false, value: read, call: pending.call, ret: clock++ });
    }
  }
  return out;
}

/** The history as JSON Lines: kv operations, or register operations on `[key value]` tuples. */
function jsonLines(ops: readonly Recorded[], form: 'kv' | 'register' | 'independent'): string {
  const events: { at: number; line: object }[] = [];
  for (const op of ops) {
    const f = form === 'kv' ? (op.write ? 'put' : 'get') : op.write ? 'write' : 'read';
    const wrap = (value: string | null): unknown => (form === 'independent' ? [op.key, value] : value);
    const keyField = form === 'kv' ? { key: op.key } : {};
    events.push({ at: op.call, line: { type: 'invoke', process: op.process, f, ...keyField, value: op.write ? wrap(op.value) : wrap(null) } });
    if (op.ret !== null) events.push({ at: op.ret, line: { type: 'ok', process: op.process, f, ...keyField, value: wrap(op.value) } });
    else events.push({ at: Infinity, line: { type: 'info', process: op.process, f, ...keyField, value: op.write ? wrap(op.value) : wrap(null) } });
  }
  events.sort((a, b) => a.at - b.at);
  return events.map((e) => JSON.stringify(e.line)).join('\n') + '\n';
}

const toVerdict = (valid: boolean | 'unknown'): Verdict => valid;

function verdicts(history: LoadedHistory, levels: readonly Level[] = LEVELS): Map<Level, Verdict> {
  const out = new Map<Level, Verdict>();
  for (const level of levels) {
    if (level === 'linearizable' || level === 'sequential') {
      out.set(level, toVerdict(checkHistory(history.operations, history.model, level, { timeoutMs: 5_000 }).valid));
    } else {
      const input = toCausalInput(history, undefined);
      const result = checkCausalHistory(new CausalHistory(input.operations, input.initialValue), level as CausalLevel, { timeoutMs: 5_000 });
      out.set(level, toVerdict(result.valid));
    }
  }
  return out;
}

function expectImplications(v: ReadonlyMap<Level, Verdict>, label: string): void {
  for (const [strong, weak] of IMPLICATIONS) {
    if (v.get(strong) === true && v.get(weak) === false) expect.fail(`${label}: ${strong} holds but ${weak} does not`);
  }
}

function expectAgreement(a: ReadonlyMap<Level, Verdict>, b: ReadonlyMap<Level, Verdict>, label: string): void {
  for (const [level, verdict] of a) {
    const other = b.get(level);
    if (verdict !== 'unknown' && other !== 'unknown' && verdict !== other) expect.fail(`${label}: ${level} is ${String(verdict)} one way and ${String(other)} the other`);
  }
}

const load = (text: string, model: HistoryModelName, independent = false): LoadedHistory => parseHistory('random.jsonl', text, { format: 'jsonl', model, independent });

/** The model without its partitioning: its whole-state form, searched whole at every level. */
const wholeForm = (model: AnyModel): AnyModel => ({ ...model, partitioning: undefined });

const property = (arbitrary: fc.Arbitrary<Script>, check: (ops: Recorded[]) => void, numRuns = 300) =>
  fc.assert(
    fc.property(arbitrary, (script) => check(run(script))),
    { numRuns, interruptAfterTimeLimit: TIME_LIMIT_MS },
  );

describe('metamorphic properties of the verdicts on random histories', () => {
  it('the registry models with a partitioning are the ones generated here', () => {
    // A new partitioned model needs its histories generated below, so that its two forms are compared.
    expect(MODEL_NAMES.filter((name) => modelByName(name).partitioning !== undefined)).toEqual(['kv']);
  });

  it('kv and kv-nopartition: every verdict respects the implications, and the two agree at every level', () => {
    property(scriptArbitrary(2), (ops) => {
      const text = jsonLines(ops, 'kv');
      const partitioned = verdicts(load(text, 'kv'));
      const whole = verdicts(load(text, 'kv-nopartition'));
      expectImplications(partitioned, `kv on\n${text}`);
      expectImplications(whole, `kv-nopartition on\n${text}`);
      expectAgreement(partitioned, whole, `kv against kv-nopartition on\n${text}`);
    }, 600);
  });

  it("kv's partitioned and whole-state forms agree under linearizability and sequential consistency", () => {
    property(scriptArbitrary(2), (ops) => {
      const text = jsonLines(ops, 'kv');
      const history = load(text, 'kv');
      const asWhole = { ...history, model: wholeForm(history.model) };
      expectAgreement(verdicts(history, ['linearizable', 'sequential']), verdicts(asWhole, ['linearizable', 'sequential']), `kv split and whole on\n${text}`);
    });
  });

  it('single-key register histories respect the implications', () => {
    property(scriptArbitrary(1), (ops) => {
      const text = jsonLines(ops, 'register');
      expectImplications(verdicts(load(text, 'register')), `register on\n${text}`);
    });
  });

  it('--independent: each key has the verdict of its sub-history checked alone; all keys as one store agree under linearizability', () => {
    property(scriptArbitrary(2), (ops) => {
      const text = jsonLines(ops, 'independent');
      const history = load(text, 'register', true);
      for (const consistency of ['linearizable', 'sequential'] as const) {
        const result = checkHistory(history.operations, history.model, consistency, { stopAtFirstInvalid: false, timeoutMs: 5_000 });
        const keys = [...new Set(ops.map((op) => op.key))];
        expect(result.partitions.map((p) => p.key).sort()).toEqual(keys.sort());
        for (const part of result.partitions) {
          const alone = jsonLines(
            ops.filter((op) => op.key === part.key),
            'register',
          );
          const single = load(alone, 'register');
          const verdict = checkHistory(single.operations, single.model, consistency, { timeoutMs: 5_000 }).valid;
          if (verdict !== 'unknown' && part.valid !== 'unknown') expect(part.valid, `key ${String(part.key)} under ${consistency} in\n${text}`).toBe(verdict);
        }
        // The keys as one store, searched whole: the same verdict where the condition is local.
        if (consistency !== 'linearizable') continue;
        const whole = checkHistory(history.operations, wholeForm(history.model), consistency, { timeoutMs: 5_000 }).valid;
        if (whole !== 'unknown' && result.valid !== 'unknown') expect(whole, `all keys as one store in\n${text}`).toBe(result.valid);
      }
    });
  });
});
