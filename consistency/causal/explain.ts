/**
 * A causal violation in words and as a graph: the bad pattern's name and meaning, the
 * operations involved, and each step of the chain or cycle between them.
 */
import type { CausalHistory } from './history.js';
import { FROM_INIT } from './history.js';
import type { PatternName, Step, Violation } from './violation.js';

export const PATTERN_TITLES: Readonly<Record<PatternName, string>> = {
  ThinAirRead: 'thin-air read: a read returned a value nobody wrote',
  CyclicCO: 'cyclic causal order: an operation would causally precede itself',
  WriteCOInitRead: "a read of the initial value causally follows a write of the key",
  WriteCORead: 'a read returned a value that, causally before the read, had been overwritten',
  CyclicCF: 'writes that every replica must apply in an order that is cyclic (no single order of the writes explains all reads)',
  WriteHBInitRead: "a session read the initial value though, by what it had seen, a write of the key was already applied",
  CyclicHB: "a session's own reads force a cyclic order of the writes they saw",
  InitReadAfterOwnWrite: 'a session read the initial value of a key it had written',
  InitReadAfterRead: 'a session read the initial value of a key after reading a written value of it',
  CyclicWriteOrder: 'the reads force a cyclic order of the writes',
};

/** Why each step holds, in words. */
function stepWords(h: CausalHistory, step: Step, source: Int32Array): string {
  const from = h.describe(step.from);
  const to = h.describe(step.to);
  const because = step.because === undefined ? '' : h.describe(step.because);
  switch (step.relation) {
    case 'po':
      return `in session ${h.sessionName(step.to)}, ${short(h, step.from)} comes before ${short(h, step.to)}`;
    case 'wr':
      return `${to} read what ${from} wrote`;
    case 'cf':
      return `${from} must be applied before ${to}: ${because} read ${describeSourceOf(h, source, step.because!)} with ${from} in its causal past`;
    case 'hb':
      return `for session ${h.sessionName(step.because!)}, ${from} must come before ${to}: ${because} read ${describeSourceOf(h, source, step.because!)} with ${from} already before it`;
    case 'ar': {
      const r = step.because!;
      const own = h.sessionOf[step.from] === h.sessionOf[r] && h.positionOf[step.from] < h.positionOf[r];
      const why = own ? `its session wrote #${h.operations[step.from].id}` : `its session had read #${h.operations[step.from].id}`;
      return `the write order must put ${from} before ${to}: ${because} returned #${h.operations[step.to].id} after ${why}`;
    }
  }
}

/** `#12 read x=1`, without the session. */
function short(h: CausalHistory, i: number): string {
  return h.describe(i).replace(/ by session .*$/, '');
}

function describeSourceOf(h: CausalHistory, source: Int32Array, read: number): string {
  const w = source[read];
  return w === FROM_INIT ? 'the initial value' : `#${h.operations[w].id}`;
}

/** The explanation's sentences: the headline first, then one line per step. */
export function explainCausalViolation(h: CausalHistory, violation: Violation, source: Int32Array): string[] {
  const { read, write, overwriter } = violation.subject;
  const lines: string[] = [];
  switch (violation.pattern) {
    case 'ThinAirRead':
      lines.push(`${h.describe(read!)} returned a value no operation wrote to ${h.keyWords(read!)} (its initial value is ${h.initialWords(read!)})`);
      break;
    case 'WriteCOInitRead':
      lines.push(`${h.describe(read!)} returned the initial value, but it causally follows ${h.describe(write!)}, which overwrote it:`);
      break;
    case 'WriteHBInitRead':
      lines.push(`${h.describe(read!)} returned the initial value, but by what its session had read, ${h.describe(write!)} was already applied:`);
      break;
    case 'InitReadAfterOwnWrite':
      lines.push(`${h.describe(read!)} returned the initial value after its own session wrote ${h.describe(write!)}:`);
      break;
    case 'InitReadAfterRead':
      lines.push(`${h.describe(read!)} returned the initial value after its session had read ${h.describe(write!).replace(/^#\d+ write /, '')} (written by #${h.operations[write!].id}):`);
      break;
    case 'WriteCORead':
      lines.push(`${h.describe(read!)} causally follows ${h.describe(overwriter!)}, which overwrote ${h.describe(write!)}, the write it read:`);
      break;
    default:
      lines.push('each step forces the next, and the last leads back to the first:');
  }
  for (const step of violation.steps) lines.push(`  ${stepWords(h, step, source)}`);
  if (violation.cyclic && violation.steps.length > 0) lines.push(`  … and so back to ${h.describe(violation.steps[0].from)}`);
  return lines;
}

const EDGE_LABELS: Readonly<Record<Step['relation'], string>> = {
  po: 'session order',
  wr: 'reads from',
  cf: 'applied before',
  hb: 'before (for the session)',
  ar: 'write order',
};

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The chain or cycle as Graphviz DOT: one cluster per session, one edge per step. */
export function causalViolationDot(h: CausalHistory, violation: Violation, title: string): string {
  const lines = ['digraph causal {', `  label=${dotString(`${title}\n${violation.pattern}: ${PATTERN_TITLES[violation.pattern]}`)};`];
  lines.push('  labelloc=t; fontname="Helvetica"; fontsize=13; rankdir=LR;');
  lines.push('  node [shape=box, style="rounded,filled", fillcolor="#6DB6FE", fontname="Helvetica", fontsize=12, color="#444444"];');
  lines.push('  edge [fontname="Helvetica", fontsize=10, color="#555555"];');
  const bySession = new Map<number, number[]>();
  for (const v of violation.core) {
    const s = h.sessionOf[v];
    const list = bySession.get(s);
    if (list === undefined) bySession.set(s, [v]);
    else list.push(v);
  }
  for (const [s, ops] of [...bySession.entries()].sort((a, b) => a[0] - b[0])) {
    lines.push(`  subgraph cluster_${s} {`);
    lines.push(`    label=${dotString(`session ${h.sessionNames[s]}`)}; style="rounded"; color="#BBBBBB";`);
    for (const v of ops.sort((a, b) => h.positionOf[a] - h.positionOf[b])) {
      const highlight = v === violation.subject.read ? ', color="#D62728", penwidth=3' : '';
      const fill = h.operations[v].status === 'info' ? ', fillcolor="#FFAA26"' : '';
      lines.push(`    op${v} [label=${dotString(short(h, v).replace(/^(#\d+) /, '$1\n'))}${highlight}${fill}];`);
    }
    lines.push('  }');
  }
  for (const step of violation.steps) {
    const because = step.because === undefined ? '' : `\n(because of #${h.operations[step.because].id})`;
    const style = step.relation === 'po' ? ', style=dashed' : step.relation === 'wr' ? '' : ', color="#D62728", fontcolor="#7A0000"';
    lines.push(`  op${step.from} -> op${step.to} [label=${dotString(`${EDGE_LABELS[step.relation]}${because}`)}${style}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
