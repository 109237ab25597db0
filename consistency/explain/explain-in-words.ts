/**
 * The core in words: its operations, the context operations that could have changed the
 * outcome, their order constraints, and, per dead end, which step the model rejects, why, and
 * why no other operation could have made it legal there. Grouped by rejected op and reason so a
 * small core reads as a few lines. Every sentence is about the whole history: the header says
 * that all operations outside the core were free to take effect or not.
 */
import type { Consistency } from '../check-result.js';
import type { Operation, SequentialModel } from '../model.js';
import { RESCUERS_NAMED, type Rescuer } from './context.js';
import type { DeadEnd, DeadEndSearch } from './dead-ends.js';
import { MAX_EDGES_SHOWN, mustPrecede } from './precedence.js';

export interface WordsOptions {
  /** Dead-end groups listed before "and N more" (default 6). */
  readonly maxListed?: number;
}

/** What the words are about: the core, its context and the orders examined. */
export interface WordsInput<I, O> {
  readonly core: readonly Operation<I, O>[];
  readonly context: readonly Operation<I, O>[];
  /** The context ops the orders were enumerated with (the rest are named only as rescuers). */
  readonly enumerated: readonly Operation<I, O>[];
  /** Operations of the partition outside the core (all weakened). */
  readonly others: number;
  /** Precedence among core and context ops, transitively reduced. */
  readonly edges: readonly (readonly [Operation<I, O>, Operation<I, O>])[];
  readonly search: DeadEndSearch<I, O>;
  readonly rescuers: ReadonlyMap<DeadEnd<I, O>, readonly Rescuer<I, O>[]>;
}

/** Core operations listed before "and N more" (a core cut short by the time bound can be huge). */
const MAX_OPS_LISTED = 40;
/** Rescuers named per dead end before "and N more" (the context names the same ones). */
const MAX_RESCUERS_LISTED = RESCUERS_NAMED;

/** `#17 read 3 by process 1`. */
export function describeOp<S, I, O>(model: SequentialModel<S, I, O>, op: Operation<I, O>): string {
  return `#${op.id} ${model.describeOperation(op.input, op.output)} by process ${String(op.process)}`;
}

const statusWords = (op: Operation<unknown, unknown>): string =>
  op.status === 'ok'
    ? 'completed'
    : op.status === 'info'
      ? 'indeterminate: may or may not have taken effect'
      : op.status === 'optional'
        ? 'may or may not have taken effect within its interval'
        : 'failed';

const span = (op: Operation<unknown, unknown>): string =>
  op.status === 'info' || !Number.isFinite(op.return) ? `called at ${op.call}, never returned` : `called at ${op.call}, returned at ${op.return}`;

export function explainInWords<S, I, O>(
  input: WordsInput<I, O>,
  model: SequentialModel<S, I, O>,
  consistency: Consistency,
  key: string | number | null,
  options: WordsOptions = {},
): string[] {
  const { core, context, enumerated, others, edges, search, rescuers } = input;
  const lines: string[] = [];
  const linearizable = consistency === 'linearizable';
  const what = linearizable ? 'linearizable' : 'sequentially consistent';
  const where = key === null ? '' : ` (key ${JSON.stringify(key)})`;
  const whatever = others === 0 ? '' : `, whatever the other ${others} operation${others === 1 ? '' : 's'} did`;
  lines.push(
    core.length === 1
      ? `Not ${what}${where}: ${describeOp(model, core[0])} is impossible as recorded${whatever}.`
      : `Not ${what}${where}: these ${core.length} operations cannot all have happened as recorded${whatever}.`,
  );
  if (others > 0) {
    lines.push(
      linearizable
        ? 'Every operation outside them was allowed to take effect or not, at one point within its own interval, with any result; no choice works.'
        : 'Every operation outside them was allowed to take effect or not, in its place in its process, with any result; no choice works.',
    );
  }
  lines.push(core.length === 1 ? 'Operation:' : 'Operations:');
  for (const op of core.slice(0, MAX_OPS_LISTED)) lines.push(`  ${describeOp(model, op)}: ${span(op)} (${statusWords(op)})`);
  if (core.length > MAX_OPS_LISTED) lines.push(`  ... and ${core.length - MAX_OPS_LISTED} more`);
  if (context.length > 0) {
    lines.push('Context (operations that could have changed the outcome; each may or may not have taken effect):');
    for (const op of context) lines.push(`  ${describeOp(model, op)}: ${span(op)}`);
  }

  const shown = [...core, ...context];
  if (shown.length > 1) {
    lines.push(linearizable ? 'Real-time order:' : 'Program order:');
    if (shown.length > MAX_EDGES_SHOWN) lines.push(`  (${shown.length} operations: too many to list their order constraints)`);
    else if (edges.length === 0) lines.push(linearizable ? '  all of them overlap in time, so any order respects real time' : '  none of them share a process, so any order respects program order');
    for (const [a, b] of edges) {
      const verb = linearizable ? 'finished before' : 'comes before, in the same process,';
      lines.push(`  ${describeOp(model, a)} ${verb} ${describeOp(model, b)}${linearizable ? ' began' : ''}`);
    }
    if (linearizable && shown.length <= 6) {
      for (let a = 0; a < shown.length; a++) {
        for (let b = a + 1; b < shown.length; b++) {
          if (!mustPrecede(consistency, shown[a], shown[b]) && !mustPrecede(consistency, shown[b], shown[a])) {
            lines.push(`  #${shown[a].id} and #${shown[b].id} overlap, so either may take effect first`);
          }
        }
      }
    }
  }

  if (search.orders === 0 && !search.complete) {
    lines.push(`Why: the engine checked every order and every choice for the other operations; with ${core.length} operations in the core, listing the orders would not help.`);
    return lines;
  }
  if (search.accepted) {
    lines.push(`Yet the order ${search.accepted.map((op) => `#${op.id}`).join(', ')} is accepted: the core is not invalid on its own (the shrinking was cut short).`);
    return lines;
  }
  lines.push(core.length === 1 && context.length === 0 ? 'Why:' : `Why no order works (${search.orders}${search.complete ? '' : '+'} order${search.orders === 1 ? '' : 's'}${search.complete ? ' examined' : ', enumeration capped'}):`);
  const groups = new Map<string, { first: DeadEnd<I, O>; count: number }>();
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
    lines.push(`  ${deadEndLine(first, [...core, ...enumerated], model, consistency)}${count > 1 ? ` (and ${count - 1} more order${count > 2 ? 's' : ''} like it)` : ''}`);
    const rescue = rescuers.get(first);
    if (rescue) lines.push(...rescueLines(rescue, first, new Set(enumerated), model));
  }
  if (groups.size > maxListed) lines.push(`  ... and ${groups.size - maxListed} more dead ends`);
  if (!search.complete) lines.push('  (too many orders to list them all; the ones above are the first found)');
  return lines;
}

function deadEndLine<S, I, O>(end: DeadEnd<I, O>, ordered: readonly Operation<I, O>[], model: SequentialModel<S, I, O>, consistency: Consistency): string {
  // Optional ops that could have come before the rejected one but are not in this order: name
  // them, or a reader wonders why their effect was not used.
  const unapplied = ordered.filter((op) => op.status !== 'ok' && op !== end.rejected && !end.prefix.includes(op) && !mustPrecede(consistency, end.rejected, op));
  const path =
    (end.prefix.length === 0 ? 'first' : `after ${end.prefix.map((op) => `#${op.id}`).join(', ')}`) +
    (unapplied.length === 0
      ? ''
      : `, without ${unapplied.map((op) => `#${op.id}`).join(', ')} (${unapplied.length === 1 ? 'it' : 'they'} may never have taken effect)`);
  const cause = end.lastChange
    ? ` after ${describeOp(model, end.lastChange)}${
        mustPrecede(consistency, end.lastChange, end.rejected)
          ? consistency === 'linearizable'
            ? `, which finished before #${end.rejected.id} began`
            : `, which comes before it in program order`
          : ''
      }`
    : ' initially';
  return `${path}: ${describeOp(model, end.rejected)} is rejected: ${end.reason}${cause}`;
}

/** Why the operations that would make the rejected step legal do not help there. */
function rescueLines<S, I, O>(
  rescue: readonly Rescuer<I, O>[],
  end: DeadEnd<I, O>,
  context: ReadonlySet<Operation<I, O>>,
  model: SequentialModel<S, I, O>,
): string[] {
  if (rescue.length === 0) return [`    no other operation could make #${end.rejected.id} legal at that point in one step`];
  const blocked = rescue.filter((r) => r.why !== null);
  // Context ops that fit here are in the enumeration (this order leaves them out, others don't).
  const allowed = rescue.filter((r) => r.why === null && !context.has(r.op));
  const lines: string[] = [];
  const only = rescue.length === 1 ? 'the only operation that could make it legal' : 'could make it legal';
  for (const r of blocked.slice(0, MAX_RESCUERS_LISTED)) {
    lines.push(rescue.length === 1 ? `    ${describeOp(model, r.op)} is ${only}, but ${r.why}` : `    ${describeOp(model, r.op)} ${only}, but ${r.why}`);
  }
  if (blocked.length > MAX_RESCUERS_LISTED) lines.push(`    and ${blocked.length - MAX_RESCUERS_LISTED} more such operations, none of which can take effect there`);
  if (allowed.length > 0) {
    lines.push(`    ${allowed.map((r) => `#${r.op.id}`).join(', ')} could take effect there too; the check allowed ${allowed.length === 1 ? 'it' : 'them'} and still found no order`);
  }
  return lines;
}
