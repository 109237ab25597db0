/**
 * Faults injected in a runtime's send path, from a seeded generator: each datagram is dropped
 * with probability `drop`, otherwise sent, and sent a second time with probability `duplicate`;
 * every copy waits a delay uniform in `[delayMs[0], delayMs[1]]` first, so copies overtake each
 * other (reordering follows from delays). The sequence of decisions is fixed by the seed; which
 * datagram meets which decision depends on the order of sends, which real time decides.
 */
import { seededRandom } from '../checker/index.js';

export interface FaultPlan {
  /** Probability in [0, 1] that a datagram is lost. */
  readonly drop?: number;
  /** Probability in [0, 1] that a delivered datagram is sent twice. */
  readonly duplicate?: number;
  /** Each copy's delay in milliseconds, uniform in [min, max]. */
  readonly delayMs?: readonly [min: number, max: number];
  readonly seed?: number;
}

export class FaultInjector {
  private readonly random: () => number;
  private readonly drop: number;
  private readonly duplicate: number;
  private readonly delay: readonly [number, number];

  constructor(plan: FaultPlan = {}) {
    this.drop = plan.drop ?? 0;
    this.duplicate = plan.duplicate ?? 0;
    this.delay = plan.delayMs ?? [0, 0];
    for (const [name, p] of [
      ['drop', this.drop],
      ['duplicate', this.duplicate],
    ] as const) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`--${name} must be a probability between 0 and 1 (got ${p})`);
    }
    const [lo, hi] = this.delay;
    if (!(lo >= 0 && hi >= lo && Number.isFinite(hi))) throw new RangeError(`--delay must be MIN-MAX milliseconds with 0 ≤ MIN ≤ MAX (got ${lo}-${hi})`);
    this.random = seededRandom(plan.seed ?? 0);
  }

  /** True when the plan injects nothing. */
  get none(): boolean {
    return this.drop === 0 && this.duplicate === 0 && this.delay[1] === 0;
  }

  /** The delays (ms) of the copies of one datagram to send: none when it is lost. */
  copies(): number[] {
    if (this.none) return [0];
    if (this.random() < this.drop) return [];
    const delays = [this.nextDelay()];
    if (this.random() < this.duplicate) delays.push(this.nextDelay());
    return delays;
  }

  private nextDelay(): number {
    const [lo, hi] = this.delay;
    return lo + this.random() * (hi - lo);
  }
}

/** `"0-20"` → `[0, 20]` (`"5"` → `[5, 5]`); a RangeError naming `option` otherwise. */
export function parseDelay(text: string, option = '--delay'): [number, number] {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(text.trim());
  if (m === null) throw new RangeError(`${option} must be MIN-MAX milliseconds such as 0-20 (got '${text}')`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (hi < lo) throw new RangeError(`${option} must be MIN-MAX with MIN ≤ MAX (got '${text}')`);
  return [lo, hi];
}
