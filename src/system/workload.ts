/**
 * What clients ask for: operation `n` of client `c` is a pure function of the workload's options
 * and seed, so a client actor stays a pure handler (the model checker replays it at will) and
 * a real run with the same seed asks for the same operations.
 *
 * {@link WORKLOAD_OPTIONS} is the one definition of the workload's options: the library checks
 * settings with it, and every command (`model`, `explore`, `load`) builds its flags, their help
 * and their errors from it.
 */

/** One operation a client should issue. */
export interface WorkloadOperation {
  readonly f: 'read' | 'write';
  /** The key (0 with one key; keyed systems record it). */
  readonly key: number;
  /** The value to write (unique to this write in the run unless `values` is set); null for a read. */
  readonly value: string | null;
}

export interface WorkloadSettings {
  /** Operations per client; `Infinity` for a real run bounded by time. */
  readonly operations: number;
  /** Probability that an operation is a write. */
  readonly writeRatio: number;
  /** How many keys operations spread over (1: a single register). */
  readonly keys: number;
  /**
   * Writes draw their values from this many (`v0`, `v1`, ...); undefined (the default): every
   * write writes a value of its own (`c<client>.<n>`), so a read names the one write it saw.
   */
  readonly values?: number;
  readonly seed: number;
}

export interface Workload extends WorkloadSettings {
  /** Operation `n` (from 0) of client `client` (from 0); undefined once the client is done. */
  operation(client: number, n: number): WorkloadOperation | undefined;
}

/** The settings the workload options set. */
export type WorkloadOptionName = keyof WorkloadSettings;

export interface WorkloadOption {
  readonly setting: WorkloadOptionName;
  /** The command-line flag, without its dashes. */
  readonly flag: string;
  /** What the option does, for `--help`. */
  readonly describe: string;
  /**
   * Whether giving it asks for the random workload: a system's own scripted workload (the
   * register models' Stateright workload) is then replaced (the seed alone replaces nothing).
   */
  readonly shapesWorkload: boolean;
  /** What is wrong with `value` (e.g. `must be an integer from 0 up (got -1)`), or undefined. */
  problem(value: unknown): string | undefined;
}

/** A value as an error message shows it (a command line's `--keys x` arrives as NaN). */
const shown = (value: unknown): string => (typeof value === 'number' ? (Number.isNaN(value) ? 'something that is not a number' : String(value)) : JSON.stringify(value));

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? undefined
    : `must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`} (got ${shown(value)})`;

export const WORKLOAD_OPTIONS: readonly WorkloadOption[] = [
  {
    setting: 'operations',
    flag: 'operations',
    describe: 'operations each client issues, one at a time (load: default as many as --duration allows)',
    shapesWorkload: true,
    problem: integer(0),
  },
  {
    setting: 'writeRatio',
    flag: 'write-ratio',
    describe: 'probability that an operation is a write (else a read), from 0 to 1; load: default 0.5',
    shapesWorkload: true,
    problem: (value) =>
      typeof value === 'number' && value >= 0 && value <= 1 ? undefined : `must be a number from 0 to 1 (got ${shown(value)})`,
  },
  {
    setting: 'keys',
    flag: 'keys',
    describe: 'how many keys operations spread over, each drawn uniformly (more than 1 needs a keyed consistency model: kv, multi-register)',
    shapesWorkload: true,
    problem: integer(1),
  },
  {
    setting: 'values',
    flag: 'values',
    describe: 'writes draw their values from this many (v0, v1, ...); default: every write writes a value no other write uses (c<client>.<n>)',
    shapesWorkload: true,
    problem: integer(1),
  },
  {
    setting: 'seed',
    flag: 'seed',
    describe:
      "the seed of the workload's choices (which operations write, which keys and values); model --strategy simulation: also of the walks; load: also of the fault layer. Default 0",
    shapesWorkload: false,
    problem: integer(0, 2 ** 32 - 1),
  },
];

/** Throws a RangeError naming the first setting in `given` that is out of range. */
export function checkWorkloadSettings(given: Partial<WorkloadSettings>): void {
  for (const option of WORKLOAD_OPTIONS) {
    const value = given[option.setting];
    if (value === undefined || (option.setting === 'operations' && value === Infinity)) continue;
    const problem = option.problem(value);
    if (problem !== undefined) throw new RangeError(`${option.setting} ${problem}`);
  }
}

/** Whether `given` sets an option that asks for the random workload. */
export function shapesWorkload(given: Partial<WorkloadSettings>): boolean {
  return WORKLOAD_OPTIONS.some((o) => o.shapesWorkload && given[o.setting] !== undefined);
}

/** E.g. `3 operations per client, 50% writes, 2 keys, unique values`. */
export function describeWorkload(w: WorkloadSettings): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const parts = [
    `${w.operations === Infinity ? 'unbounded' : plural(w.operations, 'operation')} per client`,
    `${Math.round(w.writeRatio * 1000) / 10}% writes`,
    plural(w.keys, 'key'),
    w.values === undefined ? 'unique values' : plural(w.values, 'value'),
  ];
  if (w.seed !== 0) parts.push(`seed ${w.seed}`);
  return parts.join(', ');
}

/** Whether a write of this workload may write `value` (to keep a system's initial value apart). */
export function mayWrite(w: Pick<WorkloadSettings, 'values'>, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (w.values === undefined) return /^c\d+\.\d+$/.test(value);
  const m = /^v(\d+)$/.exec(value);
  return m !== null && Number(m[1]) < w.values;
}

/** A 32-bit mix of three integers (murmur3's finaliser), uniform enough to pick operations. */
function mix(a: number, b: number, c: number): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The stream of value choices, apart from the write and key choices (so those stay as they are with any `values`). */
const VALUE_STREAM = 0x5bd1e995;

/**
 * Writes with probability `writeRatio`, else reads, each on a key drawn uniformly; a write's
 * value is `c<client>.<n>`, unique to the run, or with `values` one of `v0..v(values-1)`.
 */
export function randomWorkload(options: WorkloadSettings): Workload {
  checkWorkloadSettings(options);
  const { operations, writeRatio, keys, values, seed } = options;
  return {
    ...options,
    operation(client, n) {
      if (n >= operations) return undefined;
      const write = mix(seed, client, 2 * n) / 2 ** 32 < writeRatio;
      const key = keys === 1 ? 0 : mix(seed, client, 2 * n + 1) % keys;
      if (!write) return { f: 'read', key, value: null };
      return { f: 'write', key, value: values === undefined ? `c${client}.${n}` : `v${mix(seed ^ VALUE_STREAM, client, n) % values}` };
    },
  };
}
