/**
 * Increment with a lock, after Stateright 0.31's `increment_lock` example: each thread takes a
 * lock, reads the shared counter into a local copy, writes back copy + 1 and releases the lock.
 * Unlike `increment`, no update is lost: "fin" (every thread past its write is counted) and
 * "mutex" (at most one thread between lock and release) always hold. Threads are
 * interchangeable, so `--symmetry` explores one ordering of them.
 */
import { always, type Model, type Property } from '../checker/index.js';

/** Per thread `[t, pc]`: the local copy and the program counter (0 lock, 1 read, 2 write, 3 release, 4 done). */
export type LockThread = readonly [t: number, pc: number];

export interface IncrementLockState {
  readonly i: number;
  readonly lock: boolean;
  readonly threads: readonly LockThread[];
}

export type IncrementLockAction = { readonly kind: 'Lock' | 'Read' | 'Write' | 'Release'; readonly thread: number };

export class IncrementLock implements Model<IncrementLockState, IncrementLockAction> {
  constructor(readonly threadCount: number) {
    if (!Number.isInteger(threadCount) || threadCount < 1) throw new RangeError(`increment-lock needs at least 1 thread (got ${threadCount})`);
  }

  initStates(): IncrementLockState[] {
    return [{ i: 0, lock: false, threads: Array.from({ length: this.threadCount }, () => [0, 0] as const) }];
  }

  actions(s: IncrementLockState, out: IncrementLockAction[]): void {
    s.threads.forEach(([, pc], thread) => {
      if (pc === 0 && !s.lock) out.push({ kind: 'Lock', thread });
      else if (pc === 1) out.push({ kind: 'Read', thread });
      else if (pc === 2) out.push({ kind: 'Write', thread });
      else if (pc === 3 && s.lock) out.push({ kind: 'Release', thread });
    });
  }

  nextState(s: IncrementLockState, a: IncrementLockAction): IncrementLockState {
    const threads = s.threads.slice();
    const [t] = threads[a.thread];
    switch (a.kind) {
      case 'Lock':
        threads[a.thread] = [t, 1];
        return { i: s.i, lock: true, threads };
      case 'Read':
        threads[a.thread] = [s.i, 2];
        return { i: s.i, lock: s.lock, threads };
      case 'Write':
        threads[a.thread] = [t, 3];
        // The Rust example's counter is a u8.
        return { i: (t + 1) & 0xff, lock: s.lock, threads };
      case 'Release':
        threads[a.thread] = [t, 4];
        return { i: s.i, lock: false, threads };
    }
  }

  properties(): Property<IncrementLockState>[] {
    return [
      always('fin', (s) => s.threads.filter(([, pc]) => pc >= 3).length === s.i),
      always('mutex', (s) => s.threads.filter(([, pc]) => pc >= 1 && pc < 4).length <= 1),
    ];
  }

  /** Threads sorted by `(t, pc)`: threads are interchangeable. */
  representative(s: IncrementLockState): IncrementLockState {
    return { i: s.i, lock: s.lock, threads: [...s.threads].sort((p, q) => p[0] - q[0] || p[1] - q[1]) };
  }

  formatAction(a: IncrementLockAction): string {
    return `${a.kind}(${a.thread})`;
  }
}
