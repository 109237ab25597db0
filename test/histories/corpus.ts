/**
 * Where the reference corpora live (`../shared/corpora` beside the checkout) and how each
 * EXPECTED.tsv row chooses its model, per §7 of the corpus README.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CheckFileOptions, JepsenOp } from '../../histories/index.js';

export const CORPUS_ROOT = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

/** Throws (failing the suite loudly) when the corpus is not beside the checkout. */
export function requireCorpus(): void {
  if (!existsSync(`${CORPUS_ROOT}README.md`)) {
    throw new Error(`the reference corpora are missing: expected them at ${CORPUS_ROOT} (../shared/corpora beside the checkout)`);
  }
}

export interface CorpusRow {
  readonly set: 'porcupine' | 'knossos';
  readonly file: string;
  readonly path: string;
  readonly model: string;
  readonly expected: boolean;
}

export function corpusRows(set: 'porcupine' | 'knossos'): CorpusRow[] {
  const lines = readFileSync(`${CORPUS_ROOT}${set}/EXPECTED.tsv`, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [file, model, expected] = line.split('\t');
    return { set, file, path: `${CORPUS_ROOT}${set}/${file}`, model, expected: expected === 'ok' || expected === 'valid' };
  });
}

/** The load options a row's model column names (§7.1). */
export function rowOptions(row: CorpusRow): CheckFileOptions {
  const m = row.model;
  if (m === 'etcd') return {};
  if (m === 'kv') return { model: 'kv' };
  if (m === 'kv-nopartition') return { model: 'kv-nopartition' };
  if (m.startsWith('cas-register 0')) return { model: 'cas-register', init: 0 };
  if (m.startsWith('multi-register')) return { model: 'multi-register', init: { x: 0, y: 0 } };
  if (m.startsWith('mutex')) return { model: 'mutex' };
  throw new Error(`unknown model column ${m}`);
}

/** Counts of op maps by :type. */
export function typeCounts(ops: readonly JepsenOp[]): { maps: number; invoke: number; ok: number; fail: number; info: number } {
  const counts = { maps: ops.length, invoke: 0, ok: 0, fail: 0, info: 0 };
  for (const op of ops) counts[op.type]++;
  return counts;
}
