/**
 * Progress for long checks, on stderr: a single rewritten line on a terminal, an occasional plain
 * line otherwise, and nothing when the output is JSON for a program (--json with stdout not a
 * terminal). Nothing is shown during a check's first second.
 */
import type { CheckProgress } from '../consistency/index.js';

export interface ProgressSink {
  readonly isTTY: boolean;
  write(text: string): unknown;
}

export interface ProgressReporter {
  /** A callback for CheckOptions.onProgress, labelled with the file being checked. */
  forFile(file: string): (progress: CheckProgress) => void;
  /** Clears a rewritten line; call after each file. */
  finish(): void;
}

const SHOW_AFTER_MS = 1000;
const PLAIN_INTERVAL_MS = 10_000;

export function progressReporter(sink: ProgressSink, options: { readonly json: boolean; readonly stdoutIsTTY: boolean }): ProgressReporter {
  const silent = options.json && !options.stdoutIsTTY;
  let lineShown = false;
  let lastPlain = 0;
  return {
    forFile(file) {
      lastPlain = 0;
      return (progress) => {
        if (silent || progress.elapsedMs < SHOW_AFTER_MS) return;
        const text = `checking ${file}: ${(progress.elapsedMs / 1000).toFixed(1)} s, ${formatCount(progress.configurations)} configurations, ${progress.partitionsDone}/${progress.partitions} partitions done`;
        if (sink.isTTY) {
          sink.write(`\r\x1b[K${text}`);
          lineShown = true;
        } else if (progress.elapsedMs - lastPlain >= PLAIN_INTERVAL_MS || lastPlain === 0) {
          sink.write(`${text}\n`);
          lastPlain = progress.elapsedMs;
        }
      };
    },
    finish() {
      if (lineShown) sink.write('\r\x1b[K');
      lineShown = false;
    },
  };
}

function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}k`;
  return String(n);
}
