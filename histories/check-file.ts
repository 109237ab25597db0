/**
 * One history file, start to finish: read, prepare, check. This is the path `stateright check`
 * takes for each file, and the corpus tests take it too.
 */
import { loadHistoryFile } from './load-history.js';
import type { LoadOptions } from './load-history.js';
import { verifyHistory } from './verify-history.js';
import type { Verdict, VerifyOptions } from './verify-history.js';

export type CheckFileOptions = LoadOptions & VerifyOptions;

/**
 * Loads and checks `path`. A time limit covers the whole file, reading included: when reading
 * alone uses it up, the verdict is unknown without searching. Throws a HistoryError for bad input.
 */
export function checkHistoryFile(path: string, options: CheckFileOptions = {}): Verdict {
  const started = performance.now();
  const history = loadHistoryFile(path, options);
  if (options.timeoutMs === undefined) return verifyHistory(history, options);
  const remainingMs = options.timeoutMs - (performance.now() - started);
  if (remainingMs <= 0) {
    return {
      file: history.file,
      valid: 'unknown',
      reason: 'timeout',
      model: history.modelName,
      consistency: options.consistency ?? 'linearizable',
      format: history.format,
      ops: history.operations.length,
      ms: 0,
    };
  }
  return verifyHistory(history, { ...options, timeoutMs: remainingMs });
}
