/**
 * The nemesis: faults struck on a schedule at servers a runtime runs, Jepsen's way. Every
 * `everyMs` one strike, chosen by a seeded generator among those asked for:
 * - `partition-halves`: the servers, shuffled, split into two halves that cannot hear each other;
 * - `partition-random-node`: one server cut off from all others;
 * - `partition-majorities-ring`: the servers on a shuffled ring, each hearing only the majority
 *   nearest it, so every server sees a majority but no two see the same one (Jepsen's ring);
 * - `kill-restart`: one server killed (socket, timers, memory) and restarted from its storage;
 * - `pause`: one server stops handling messages and timers, then resumes with its memory intact.
 * Each fault lasts `healAfterMs` (kill-restart: `downtimeMs`) and is healed before the next strike.
 *
 * Every strike and heal is reported as a Jepsen nemesis op, `{"type":"info","process":"nemesis",
 * "f":"start-partition","value":…,"time":…}`: `check` skips them (no client process), reports
 * shade the intervals between a start and its stop.
 */
import { seededRandom } from '../checker/index.js';
import type { Id } from '../actor/index.js';

export const STRIKES = ['partition-halves', 'partition-random-node', 'partition-majorities-ring', 'kill-restart', 'pause'] as const;
export type Strike = (typeof STRIKES)[number];

/** Per receiving server, the servers whose messages it does not get. */
export type Grudge = ReadonlyMap<Id, ReadonlySet<Id>>;

/** `"partition-halves,kill-restart"` → the strikes; a RangeError naming the unknown one. */
export function parseStrikes(text: string): Strike[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new RangeError(`--nemesis needs at least one of ${STRIKES.join(', ')}`);
  return names.map((name) => {
    const strike = STRIKES.find((s) => s === name);
    if (strike === undefined) throw new RangeError(`unknown --nemesis strike '${name}' (choose from ${STRIKES.join(', ')})`);
    return strike;
  });
}

function shuffled(nodes: readonly Id[], random: () => number): Id[] {
  const out = [...nodes];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A grudge that cuts the network into `components` that cannot hear each other. */
export function grudgeOfComponents(components: readonly (readonly Id[])[]): Grudge {
  const grudge = new Map<Id, Set<Id>>();
  for (const component of components) {
    const others = components.filter((c) => c !== component).flat();
    for (const node of component) grudge.set(node, new Set(others));
  }
  return grudge;
}

/** Jepsen's majorities ring: on a ring in `order`, each node hears the window of ⌊n/2⌋+1 nodes around it. */
export function majoritiesRing(order: readonly Id[]): Grudge {
  const n = order.length;
  const m = Math.floor(n / 2) + 1;
  const before = Math.floor((m - 1) / 2);
  const grudge = new Map<Id, Set<Id>>();
  order.forEach((node, p) => {
    const heard = new Set<Id>();
    for (let k = 0; k < m; k++) heard.add(order[(((p - before + k) % n) + n) % n]);
    grudge.set(node, new Set(order.filter((other) => !heard.has(other))));
  });
  return grudge;
}

/** The partition a strike makes among `nodes`, drawn from `random`. */
export function partitionFor(strike: Strike, nodes: readonly Id[], random: () => number): Grudge {
  const order = shuffled(nodes, random);
  switch (strike) {
    case 'partition-halves': {
      const half = Math.floor(order.length / 2);
      return grudgeOfComponents([order.slice(0, half), order.slice(half)]);
    }
    case 'partition-random-node':
      return grudgeOfComponents([[order[0]], order.slice(1)]);
    case 'partition-majorities-ring':
      return majoritiesRing(order);
    default:
      throw new RangeError(`${strike} is not a partition`);
  }
}

/** What the nemesis acts on: a runtime's servers. */
export interface NemesisTarget {
  partition(grudge: Grudge): void;
  crash(id: Id): Promise<void>;
  start(id: Id): Promise<void>;
  pause(id: Id): void;
  resume(id: Id): void;
}

export interface NemesisOptions {
  readonly strikes: readonly Strike[];
  /** The servers to strike (partitions cut among them). */
  readonly nodes: readonly Id[];
  readonly everyMs: number;
  /** How long a partition or a pause lasts. */
  readonly healAfterMs: number;
  /** How long a killed server stays down. */
  readonly downtimeMs: number;
  readonly seed: number;
  /** How a server is named in the ops (its address). */
  readonly name: (id: Id) => string;
  /** Receives each nemesis op as a JSON line (no newline). */
  readonly record: (line: string) => void;
  /** Problems restarting a server. */
  readonly warn?: (text: string) => void;
}

/** A running nemesis; `stop` heals what is struck and stops striking. */
export class Nemesis {
  private readonly random: () => number;
  private readonly timer: NodeJS.Timeout;
  private heal: { readonly at: NodeJS.Timeout; readonly run: () => void } | undefined;

  constructor(
    private readonly target: NemesisTarget,
    private readonly options: NemesisOptions,
  ) {
    if (options.strikes.length === 0) throw new RangeError('the nemesis needs at least one strike');
    if (!(options.everyMs > 0)) throw new RangeError('--every must be a positive number of seconds');
    if (!(options.healAfterMs > 0)) throw new RangeError('--heal-after must be a positive number of seconds');
    this.random = seededRandom(options.seed);
    this.timer = setInterval(() => this.strike(), options.everyMs);
  }

  private op(f: string, value: unknown): void {
    this.options.record(JSON.stringify({ type: 'info', process: 'nemesis', f, value, time: Date.now() }));
  }

  private schedule(afterMs: number, run: () => void): void {
    this.heal = { at: setTimeout(() => this.healNow(), afterMs), run };
  }

  private healNow(): void {
    const heal = this.heal;
    if (heal === undefined) return;
    clearTimeout(heal.at);
    this.heal = undefined;
    heal.run();
  }

  private strike(): void {
    this.healNow(); // a fault never outlives the next strike
    const { strikes, nodes, name } = this.options;
    const strike = strikes[Math.floor(this.random() * strikes.length)];
    if (strike === 'kill-restart' || strike === 'pause') {
      const victim = nodes[Math.floor(this.random() * nodes.length)];
      if (strike === 'pause') {
        this.target.pause(victim);
        this.op('pause', name(victim));
        this.schedule(this.options.healAfterMs, () => {
          this.target.resume(victim);
          this.op('resume', name(victim));
        });
        return;
      }
      void this.target.crash(victim).then(() => this.op('kill', name(victim)));
      this.schedule(this.options.downtimeMs, () => {
        this.target.start(victim).then(
          () => this.op('start', name(victim)),
          (error: unknown) => this.options.warn?.(`nemesis: cannot restart ${name(victim)}: ${(error as Error).message}`),
        );
      });
      return;
    }
    const grudge = partitionFor(strike, nodes, this.random);
    this.target.partition(grudge);
    this.op('start-partition', { kind: strike, cut: describeGrudge(grudge, name) });
    this.schedule(this.options.healAfterMs, () => {
      this.target.partition(new Map());
      this.op('stop-partition', strike);
    });
  }

  /** Stops striking and heals the fault in force, if any (its heal op is recorded). */
  stop(): void {
    clearInterval(this.timer);
    this.healNow();
  }
}

/** `{ "127.0.0.1:3000": ["127.0.0.1:3001"], … }`: whom each server does not hear (servers that hear all are left out). */
export function describeGrudge(grudge: Grudge, name: (id: Id) => string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [node, deaf] of [...grudge].sort((a, b) => a[0] - b[0])) {
    if (deaf.size > 0) out[name(node)] = [...deaf].sort((a, b) => a - b).map(name);
  }
  return out;
}

/**
 * Puts the nemesis ops of `nemesisText` (JSON Lines as `serve --nemesis-log` writes them) that
 * happened from `from` to `to` (ms since the epoch) into a history written by `load`, in time
 * order. `serve` and `load` are separate processes on one machine, so both stamp their lines with
 * the same clock; merging by those stamps gives the order in which things happened, without a
 * channel between the processes (the network under test is the one the nemesis cuts). The first
 * history line (its header) stays first; at equal times the client's line comes first.
 */
export function mergeNemesisOps(historyText: string, nemesisText: string, from: number, to: number, source = 'the nemesis log'): string {
  const ops: { time: number; line: string }[] = [];
  nemesisText.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let op: unknown;
    try {
      op = JSON.parse(line);
    } catch {
      throw new RangeError(`${source}:${i + 1}: not a JSON object`);
    }
    const o = op as { process?: unknown; time?: unknown };
    if (typeof o !== 'object' || o === null || o.process !== 'nemesis' || typeof o.time !== 'number') {
      throw new RangeError(`${source}:${i + 1}: expected a nemesis op {"type":"info","process":"nemesis","f":…,"time":…}`);
    }
    if (o.time >= from && o.time <= to) ops.push({ time: o.time, line });
  });
  if (ops.length === 0) return historyText;
  ops.sort((a, b) => a.time - b.time);
  const lines = historyText.split('\n').filter((l) => l.trim() !== '');
  const out = lines.length > 0 ? [lines[0]] : [];
  let next = 0;
  for (const line of lines.slice(1)) {
    const time = (JSON.parse(line) as { time?: number }).time ?? -Infinity;
    while (next < ops.length && ops[next].time < time) out.push(ops[next++].line);
    out.push(line);
  }
  while (next < ops.length) out.push(ops[next++].line);
  return `${out.join('\n')}\n`;
}
