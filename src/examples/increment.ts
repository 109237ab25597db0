/**
 * Increment: threads each read a shared counter into a local copy, then write back copy + 1.
 * The classic lost-update race: the property "fin" (every finished thread's increment is
 * visible) is deliberately violated. Shows symmetry reduction over interchangeable threads.
 */
import { always, type Model, type Property } from '../checker/index.js';

/** Per thread `[t, pc]`: local copy and program counter (1 = will read, 2 = will write, 3 = done). */
export interface IncrementState {
  readonly i: number;
  readonly threads: readonly (readonly [t: number, pc: number])[];
}

export type IncrementAction = { readonly kind: 'Read' | 'Write'; readonly thread: number };

export class Increment implements Model<IncrementState, IncrementAction> {
  /** `fin = false` swaps "fin" for a trivially-true property, to explore the full state space. */
  constructor(
    readonly threadCount: number,
    readonly fin = true,
  ) {}

  initStates(): IncrementState[] {
    return [{ i: 0, threads: Array.from({ length: this.threadCount }, () => [0, 1] as const) }];
  }

  actions(s: IncrementState, out: IncrementAction[]): void {
    s.threads.forEach(([, pc], thread) => {
      if (pc === 1) out.push({ kind: 'Read', thread });
      else if (pc === 2) out.push({ kind: 'Write', thread });
    });
  }

  nextState(s: IncrementState, a: IncrementAction): IncrementState {
    const threads = s.threads.slice();
    if (a.kind === 'Read') {
      threads[a.thread] = [s.i, 2];
      return { i: s.i, threads };
    }
    const [t] = threads[a.thread];
    threads[a.thread] = [t, 3];
    return { i: (t + 1) & 0xff, threads };
  }

  properties(): Property<IncrementState>[] {
    if (!this.fin) return [always('true', () => true)];
    return [always('fin', (s) => s.threads.filter(([, pc]) => pc === 3).length === s.i)];
  }

  /** Threads sorted by `(t, pc)`: threads are interchangeable. */
  representative(s: IncrementState): IncrementState {
    return { i: s.i, threads: [...s.threads].sort((p, q) => p[0] - q[0] || p[1] - q[1]) };
  }

  formatAction(a: IncrementAction): string {
    return `${a.kind}(${a.thread})`;
  }
}
