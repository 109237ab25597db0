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
