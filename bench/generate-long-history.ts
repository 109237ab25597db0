/**
 * Writes a long generated history (see long-history.ts) to a file:
 *
 *   node dist/bench/generate-long-history.js out.jsonl --ops 50000 --processes 10 --crashed 0.01 \
 *     [--model cas-register] [--keys 1000] [--stale-read] [--seed 7] [--format edn]
 *
 * The format follows the file's extension (.edn or .jsonl) unless --format says otherwise.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DEFAULT_LONG_HISTORY, generateLongHistory, historyLines } from './long-history.js';
import type { LongHistoryOptions } from './long-history.js';

/** Generates the history and writes it to `path`; returns where the stale read went, if any. */
export function writeLongHistory(path: string, options: LongHistoryOptions, format: 'jsonl' | 'edn' = path.endsWith('.edn') ? 'edn' : 'jsonl'): { op: number; value: number } | undefined {
  const history = generateLongHistory(options);
  const fd = openSync(path, 'w');
  try {
    let chunk: string[] = [];
    for (const line of historyLines(history, format, options.keys > 0)) {
      chunk.push(line);
      if (chunk.length === 10_000) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  return history.stale;
}

if (process.argv[1]?.endsWith('generate-long-history.js')) {
  const d = DEFAULT_LONG_HISTORY;
  const args = yargs(hideBin(process.argv))
    .usage('$0 <out> [options]: write a long generated Jepsen history')
    .demandCommand(1, 'name the output file (.jsonl or .edn)')
    .option('ops', { type: 'number', default: d.ops, describe: 'completed operations' })
    .option('processes', { type: 'number', default: d.processes, describe: 'concurrent clients' })
    .option('crashed', { type: 'number', default: d.crashed, describe: 'share of operations that crash (:info)' })
    .option('model', { choices: ['register', 'cas-register'] as const, default: d.model })
    .option('values', { type: 'number', default: d.values, describe: 'values written are 0 .. values-1' })
    .option('keys', { type: 'number', default: d.keys, describe: 'a jepsen.independent history over this many keys (0: unkeyed)' })
    .option('stale-read', { type: 'boolean', default: false, describe: 'the bug switch: one read returns a value it cannot have seen' })
    .option('seed', { type: 'number', default: d.seed })
    .option('format', { choices: ['jsonl', 'edn'] as const, describe: 'default: from the extension' })
    .strict()
    .parseSync();
  const out = String(args._[0]);
  const stale = writeLongHistory(
    out,
    { ops: args.ops, processes: args.processes, crashed: args.crashed, model: args.model, values: args.values, keys: args.keys, staleRead: args['stale-read'], seed: args.seed },
    args.format,
  );
  process.stderr.write(`wrote ${out}${stale ? ` (stale read: op ${stale.op} now returns ${stale.value})` : ''}\n`);
}
