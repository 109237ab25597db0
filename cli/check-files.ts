/**
 * Expands `stateright check` arguments into history files. A directory stands for the history
 * files directly inside it (not recursive), in name order; a directory without any is an error.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryError } from '../histories/index.js';

export const HISTORY_EXTENSIONS = ['.edn', '.json', '.jsonl', '.log', '.txt'] as const;

/** One argument's files, or the error that the argument is unusable. */
export function expandArgument(argument: string): { readonly files: readonly string[] } | { readonly error: HistoryError } {
  let isDirectory = false;
  try {
    isDirectory = statSync(argument).isDirectory();
  } catch {
    // A missing file is reported when it is loaded, with the other input errors.
    return { files: [argument] };
  }
  if (!isDirectory) return { files: [argument] };
  const files = readdirSync(argument, { withFileTypes: true })
    .filter((entry) => entry.isFile() && HISTORY_EXTENSIONS.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => join(argument, entry.name))
    .sort();
  if (files.length === 0) {
    return { error: new HistoryError(argument, 0, `is a directory with no history files (${HISTORY_EXTENSIONS.map((e) => `*${e}`).join(', ')})`) };
  }
  return { files };
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, kb: 2 ** 10, kib: 2 ** 10, m: 2 ** 20, mb: 2 ** 20, mib: 2 ** 20, g: 2 ** 30, gb: 2 ** 30, gib: 2 ** 30, t: 2 ** 40, tb: 2 ** 40, tib: 2 ** 40 };

/**
 * A size on the command line, `512MB`, `2GB`, `1.5 GiB`, `65536` (bytes); units are binary
 * (1 MB = 1,048,576 bytes). An error message when it is not one.
 */
export function parseSize(text: string): number | { readonly error: string } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) return { error: `'${text}' is not a size (e.g. 512MB, 2GB, or a number of bytes)` };
  const bytes = Math.floor(Number(match[1]) * unit);
  if (!(bytes > 0)) return { error: `the size must be more than 0 bytes, got '${text}'` };
  return bytes;
}

/** What a file's name says it should be: `-invalid` or `-valid` in its base name. */
export function expectedFromName(file: string): boolean | null {
  const base = file.split(/[\\/]/).pop() ?? file;
  if (base.includes('-invalid')) return false;
  if (base.includes('-valid')) return true;
  return null;
}

/** Every file the arguments stand for, in order; an unusable argument goes to `onError` instead. */
export function* filesOf(argumentsGiven: readonly string[], onError: (error: HistoryError) => void): Generator<string> {
  for (const argument of argumentsGiven) {
    const expanded = expandArgument(argument);
    if ('error' in expanded) onError(expanded.error);
    else yield* expanded.files;
  }
}
