/**
 * Explaining every invalid corpus history (../shared/corpora): the minimal core plus the core
 * graph (DOT), and the SVG rendering through @viz-js/viz. Prints medians of 5 runs.
 * Targets: core + graph ≤ 2 s for the slowest file; SVG ≤ 200 ms per core.
 */
import { checkHistory, explainViolation } from '../consistency/index.js';
import type { AnyModel, Operation } from '../consistency/index.js';
import { loadHistoryFile } from '../histories/index.js';
import { renderCoreDot, renderCoreSvg } from '../src/render/index.js';
import { corpusRows } from './corpus-rows.js';
import type { CorpusRow } from './corpus-rows.js';
import { median } from './stats.js';

const RUNS = 5;

function invalidJobs(): CorpusRow[] {
  return corpusRows().filter((row) => !row.expected && row.set !== 'kv-nopartition');
}

async function main(): Promise<void> {
  const jobs = invalidJobs();
  const coreTimes: { name: string; ms: number; size: number }[] = [];
  const svgTimes: number[] = [];
  const firstSvgStarted = performance.now();
  let firstSvg = 0;
  for (const job of jobs) {
    const loaded = loadHistoryFile(job.path, job.options);
    const history = loaded.operations as readonly Operation<unknown, unknown>[];
    const model: AnyModel = loaded.model;
    const result = checkHistory(history, model, 'linearizable');
    if (result.valid !== false) throw new Error(`${job.name}: expected invalid, got ${String(result.valid)}`);
    const runs: number[] = [];
    let explanation = null;
    for (let r = 0; r < RUNS; r++) {
      const started = performance.now();
      explanation = explainViolation(history, model, 'linearizable', result);
      if (explanation) renderCoreDot(explanation, model);
      runs.push(performance.now() - started);
    }
    if (!explanation) throw new Error(`${job.name}: no explanation`);
    coreTimes.push({ name: job.name, ms: median(runs), size: explanation.core.ids.length });
    const svgRuns: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const started = performance.now();
      await renderCoreSvg(explanation, model);
      svgRuns.push(performance.now() - started);
      if (firstSvg === 0) firstSvg = performance.now() - firstSvgStarted;
    }
    svgTimes.push(median(svgRuns));
  }
  coreTimes.sort((a, b) => b.ms - a.ms);
  const sizes = coreTimes.map((t) => t.size);
  const total = coreTimes.reduce((s, t) => s + t.ms, 0);
  console.log(`explain: ${jobs.length} invalid corpus histories, medians of ${RUNS} runs`);
  console.log(`  core + graph: total ${total.toFixed(0)} ms, median ${median(coreTimes.map((t) => t.ms)).toFixed(1)} ms, slowest ${coreTimes[0].name} ${coreTimes[0].ms.toFixed(0)} ms (target ≤ 2000 ms)`);
  console.log(`  slowest five: ${coreTimes.slice(0, 5).map((t) => `${t.name} ${t.ms.toFixed(0)} ms`).join(', ')}`);
  console.log(`  core sizes: median ${median(sizes)}, max ${Math.max(...sizes)}, min ${Math.min(...sizes)}`);
  console.log(`  svg: median ${median(svgTimes).toFixed(1)} ms, slowest ${Math.max(...svgTimes).toFixed(1)} ms (target ≤ 200 ms); first render incl. WebAssembly start ${firstSvg.toFixed(0)} ms`);
}

await main();
