/**
 * Ready-to-call entry points for the command line: explanation → DOT/SVG/HTML strings, and
 * writing the files the user asked for (`--dot`, `--svg`, `--report`).
 */
import { writeFile } from 'node:fs/promises';
import { explainViolation } from '../../consistency/explain/index.js';
import type { ExplainOptions, Explanation } from '../../consistency/explain/index.js';
import type { SequentialModel } from '../../consistency/model.js';
import type { SequenceChart } from '../actor/index.js';
import { coreGraph } from './core-graph.js';
import { coreGraphToDot } from './dot.js';
import { historyReportHtml } from './html-report.js';
import type { HistoryReportInput } from './html-report.js';
import { modelReportHtml } from './model-report.js';
import type { ModelReportInput } from './model-report.js';
import { sequenceChartSvg } from './sequence-chart.js';
import { dotToSvg } from './svg.js';

/** The core as DOT text (stable for a given explanation). */
export function renderCoreDot<S, I, O>(explanation: Explanation<I, O>, model: SequentialModel<S, I, O>): string {
  return coreGraphToDot(coreGraph(explanation, model));
}

/** The core as an SVG document, laid out by Graphviz. */
export function renderCoreSvg<S, I, O>(explanation: Explanation<I, O>, model: SequentialModel<S, I, O>): Promise<string> {
  return dotToSvg(renderCoreDot(explanation, model));
}

export interface HistoryArtifactPaths {
  readonly svg?: string;
  readonly dot?: string;
  readonly report?: string;
}

export interface HistoryArtifactsInput<S, I, O> extends Omit<HistoryReportInput<S, I, O>, 'coreSvg'> {
  /** Reused when given; computed (with `explainOptions`) when the result is invalid and it is absent. */
  readonly explanation?: Explanation<I, O> | null;
  readonly explainOptions?: ExplainOptions;
}

export interface HistoryArtifacts<I, O> {
  readonly explanation: Explanation<I, O> | null;
  /** Files written, in the order svg, dot, report. */
  readonly written: readonly string[];
}

/**
 * Writes the requested files. For a valid history there is no core: `--svg`/`--dot` then get a
 * one-node graph saying so, and the report shows the witness order.
 */
export async function writeHistoryArtifacts<S, I, O>(paths: HistoryArtifactPaths, input: HistoryArtifactsInput<S, I, O>): Promise<HistoryArtifacts<I, O>> {
  const explanation =
    input.explanation !== undefined ? input.explanation : explainViolation(input.history, input.model, input.consistency, input.result, input.explainOptions);
  const dot = explanation ? renderCoreDot(explanation, input.model) : noCoreDot(input.result.valid === true ? `${input.consistency}: no violation to draw` : 'verdict unknown: no violation to draw');
  const needSvg = paths.svg !== undefined || paths.report !== undefined;
  const svg = needSvg ? await dotToSvg(dot) : null;
  const written: string[] = [];
  if (paths.svg !== undefined) {
    await writeFile(paths.svg, svg as string);
    written.push(paths.svg);
  }
  if (paths.dot !== undefined) {
    await writeFile(paths.dot, dot);
    written.push(paths.dot);
  }
  if (paths.report !== undefined) {
    const html = historyReportHtml({ ...input, explanation, coreSvg: explanation ? svg : null });
    await writeFile(paths.report, html);
    written.push(paths.report);
  }
  return { explanation, written };
}

function noCoreDot(message: string): string {
  return `digraph core {\n  node [shape=plaintext, fontname="Helvetica"];\n  note [label="${message.replace(/"/g, '\\"')}"];\n}\n`;
}

export interface ModelArtifactPaths {
  readonly svg?: string;
  readonly report?: string;
}

/** Writes a discovery's sequence chart (`--svg`, needs `input.chart`) and HTML report (`--report`). */
export async function writeModelArtifacts(paths: ModelArtifactPaths, input: ModelReportInput): Promise<readonly string[]> {
  const written: string[] = [];
  if (paths.svg !== undefined) {
    if (!input.chart) throw new Error('--svg needs an actor model: only actor paths have a sequence chart');
    await writeFile(paths.svg, sequenceChartSvg(input.chart satisfies SequenceChart));
    written.push(paths.svg);
  }
  if (paths.report !== undefined) {
    await writeFile(paths.report, modelReportHtml(input));
    written.push(paths.report);
  }
  return written;
}
