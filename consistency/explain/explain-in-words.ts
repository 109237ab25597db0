/**
 * The core in words: its operations, their order constraints, and, per dead end, which step the
 * model rejects and why. Grouped by rejected op and reason so a small core reads as a few lines.
 */
import type { Consistency } from '../check-result.js';
import type { Operation, SequentialModel } from '../model.js';
import type { DeadEndSearch } from './dead-ends.js';
import { mustPrecede } from './precedence.js';

export interface WordsOptions {
  /** Dead-end groups listed before "and N more" (default 6). */
  readonly maxListed?: number;
}

/** `#17 read 3 by process 1`. */
export function describeOp<S, I, O>(model: SequentialModel<S, I, O>, op: Operation<I, O>): string {
  return `#${op.id} ${model.describeOperation(op.input, op.output)} by process ${String(op.process)}`;
}

const statusWords = (op: Operation<unknown, unknown>): string =>
  op.status === 'ok' ? 'completed' : op.status === 'info' ? 'indeterminate: may or may not have taken effect' : 'failed';

export function explainInWords<S, I, O>(
  core: readonly Operation<I, O>[],
  edges: readonly (readonly [number, number])[],
  search: DeadEndSearch<I, O>,
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  key: string | number | null,
  options: WordsOptions = {},
): string[] {
  const lines: string[] = [];
  const what = consistency === 'linearizable' ? 'linearizable' : 'sequentially consistent';
  const where = key === null ? '' : ` (key ${JSON.stringify(key)})`;
  lines.push(
    core.length === 1
      ? `Not ${what}${where}: this operation alone is impossible.`
      : `Not ${what}${where}: these ${core.length} operations cannot be put in any order the ${model.name} accepts.`,
  );
  lines.push('Operations:');
  for (const op of core) {
    const span = op.status === 'ok' ? `called at ${op.call}, returned at ${op.return}` : `called at ${op.call}, never returned`;
    lines.push(`  ${describeOp(model, op)}: ${span} (${statusWords(op)})`);
  }

  if (core.length > 1) {
    lines.push(consistency === 'linearizable' ? 'Real-time order:' : 'Program order:');
    if (edges.length === 0) lines.push('  all of them overlap in time, so any order respects real time');
    for (const [a, b] of edges) {
      const verb = consistency === 'linearizable' ? 'finished before' : 'comes before, in the same process,';
      lines.push(`  ${describeOp(model, core[a])} ${verb} ${describeOp(model, core[b])}${consistency === 'linearizable' ? ' began' : ''}`);
    }
    if (consistency === 'linearizable' && core.length <= 6) {
      for (let a = 0; a < core.length; a++) {
        for (let b = a + 1; b < core.length; b++) {
          if (!mustPrecede(consistency, core[a], core[b]) && !mustPrecede(consistency, core[b], core[a])) {
            lines.push(`  #${core[a].id} and #${core[b].id} overlap, so either may take effect first`);
          }
        }
      }
    }
  }

  if (search.accepted) {
    lines.push(`Yet the order ${search.accepted.map((op) => `#${op.id}`).join(', ')} is accepted: the core is not invalid on its own (the shrinking was cut short).`);
    return lines;
  }
  lines.push(core.length === 1 ? 'Why:' : `Why no order works (${search.orders}${search.complete ? '' : '+'} order${search.orders === 1 ? '' : 's'}${search.complete ? ' examined' : ', enumeration capped'}):`);
  const groups = new Map<string, { first: DeadEndSearch<I, O>['deadEnds'][number]; count: number }>();
  for (const end of search.deadEnds) {
    const groupKey = `${end.rejected.id}\u0000${end.reason}\u0000${end.lastChange?.id ?? ''}`;
    const group = groups.get(groupKey);
    if (group) group.count++;
    else groups.set(groupKey, { first: end, count: 1 });
  }
  const maxListed = options.maxListed ?? 6;
  let listed = 0;
  for (const { first, count } of groups.values()) {
    if (listed++ >= maxListed) break;
    // Crashed ops that could have come before the rejected one but are not in this order: name
    // them, or a reader wonders why their effect was not used.
    const unapplied = core.filter(
      (op) => op.status === 'info' && op !== first.rejected && !first.prefix.includes(op) && !mustPrecede(consistency, first.rejected, op),
    );
    const path =
      (first.prefix.length === 0 ? 'first' : `after ${first.prefix.map((op) => `#${op.id}`).join(', ')}`) +
      (unapplied.length === 0
        ? ''
        : `, without ${unapplied.map((op) => `#${op.id}`).join(', ')} (${unapplied.length === 1 ? 'it' : 'they'} may never have taken effect)`);
    const cause = first.lastChange
      ? ` after ${describeOp(model, first.lastChange)}${
          mustPrecede(consistency, first.lastChange, first.rejected)
            ? consistency === 'linearizable'
              ? `, which finished before #${first.rejected.id} began`
              : `, which comes before it in program order`
            : ''
        }`
      : ' initially';
    const more = count > 1 ? ` (and ${count - 1} more order${count > 2 ? 's' : ''} like it)` : '';
    lines.push(`  ${path}: ${describeOp(model, first.rejected)} is rejected: ${first.reason}${cause}${more}`);
  }
  if (groups.size > maxListed) lines.push(`  ... and ${groups.size - maxListed} more dead ends`);
  if (!search.complete) lines.push('  (too many orders to list them all; the ones above are the first found)');
  return lines;
}
