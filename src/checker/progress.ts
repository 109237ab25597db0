/**
 * A ready-made progress reporter: one line on stderr per progress tick.
 */
import type { CheckerProgress } from './options.js';

export function formatProgress(p: CheckerProgress): string {
  const mb = Math.round(p.rssBytes / (1 << 20));
  return (
    `Checking. states=${p.generated}, unique=${p.unique}, depth=${p.maxDepth}, ` +
    `pending=${p.pending}, ${Math.round(p.statesPerSecond)} unique/s, rss=${mb} MB`
  );
}

/** An `onProgress` callback writing {@link formatProgress} lines to stderr. */
export function stderrProgress(): (p: CheckerProgress) => void {
  return (p) => {
    process.stderr.write(formatProgress(p) + '\n');
  };
}

/** The progress record both the search and the simulation loops report. */
export function progressSnapshot(generated: number, unique: number, maxDepth: number, pending: number, elapsedMs: number): CheckerProgress {
  return {
    generated,
    unique,
    maxDepth,
    pending,
    elapsedMs,
    statesPerSecond: elapsedMs > 0 ? (unique * 1000) / elapsedMs : 0,
    rssBytes: process.memoryUsage.rss(),
  };
}
