/** Limits shared by every search of one check: wall-clock deadline and memoised configurations. */
export class SearchBudget {
  configurations = 0;
  exhausted: 'timeout' | 'memory' | null = null;
  private ticks = 0;
  private lastProgress = performance.now();

  constructor(
    private readonly deadline: number,
    private readonly maxConfigurations: number,
    private readonly onTick: () => void = () => undefined,
  ) {}

  /** Counts one new configuration; false when the memory bound is reached. */
  spend(): boolean {
    if (++this.configurations > this.maxConfigurations) {
      this.exhausted = 'memory';
      return false;
    }
    return true;
  }

  /**
   * Called once per search step (cheap); reads the clock only every 4,096 calls because
   * `performance.now()` would otherwise dominate the inner loop. Reports progress every quarter
   * second. False when time is up.
   */
  tick(): boolean {
    if ((++this.ticks & 4095) === 0) {
      const now = performance.now();
      if (now > this.deadline) {
        this.exhausted = 'timeout';
        return false;
      }
      if (now - this.lastProgress > 250) {
        this.lastProgress = now;
        this.onTick();
      }
    }
    return true;
  }
}

/** The outcome of searching one partition. `'budget'` means a per-attempt allowance ran out. */
export type SearchOutcome<Op> =
  | { readonly kind: 'valid'; readonly order: readonly Op[] }
  | { readonly kind: 'invalid'; readonly op: Op; readonly longestPrefix: readonly Op[] }
  | { readonly kind: 'unknown'; readonly reason: 'timeout' | 'memory' | 'budget' };
