/**
 * The one error type the history readers throw: a file, a 1-based line (0 when the problem is
 * the file as a whole) and what is wrong, so the command line can print `file:line: message`.
 */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${detail}` : `${file}: ${detail}`);
  }
}

/** Thrown by helpers that know the line but not the file; readers rethrow it as a HistoryError. */
export class LineError extends Error {
  override readonly name = 'LineError';
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

/** Runs `read`, turning a LineError into a HistoryError for `file`. */
export function withFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof LineError) throw new HistoryError(file, error.line, error.detail);
    throw error;
  }
}
