/**
 * The rows of the corpora's EXPECTED.tsv files (../shared/corpora) as check jobs: the file, the
 * options that select its model and initial state, and the verdict its project asserts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CheckFileOptions } from '../histories/index.js';

export const CORPORA_ROOT = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

export interface CorpusRow {
  /** `etcd`, `kv`, `kv-nopartition` or `knossos`. */
  readonly set: string;
  readonly name: string;
  readonly path: string;
  readonly options: CheckFileOptions;
  readonly expected: boolean;
}

export function corpusRows(): CorpusRow[] {
  if (!existsSync(CORPORA_ROOT)) {
    process.stderr.write(`the corpora are missing at ${CORPORA_ROOT} (expected ../shared/corpora beside the checkout)\n`);
    process.exit(2);
  }
  const rows = (set: string) =>
    readFileSync(`${CORPORA_ROOT}${set}/EXPECTED.tsv`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
  const out: CorpusRow[] = [];
  for (const [file, model, expected] of rows('porcupine')) {
    const options: CheckFileOptions = model === 'etcd' ? {} : { model: model as 'kv' | 'kv-nopartition' };
    out.push({ set: model, name: file, path: `${CORPORA_ROOT}porcupine/${file}`, options, expected: expected === 'ok' });
  }
  for (const [file, model, expected] of rows('knossos')) {
    const options: CheckFileOptions = model.startsWith('cas-register')
      ? { model: 'cas-register', init: 0 }
      : model.startsWith('multi')
        ? { model: 'multi-register', init: { x: 0, y: 0 } }
        : { model: 'mutex' };
    out.push({ set: 'knossos', name: file, path: `${CORPORA_ROOT}knossos/${file}`, options, expected: expected === 'valid' });
  }
  return out;
}
