/**
 * Explaining invalid histories: every invalid corpus history (../shared/corpora) and generated
 * 2,000-op register and CAS-register histories with crashed operations and one stale read. The
 * minimal core (by weakening) plus the core graph (DOT), and the SVG rendering through
 * @viz-js/viz. Prints medians of 5 runs (3 for the generated ones).
 * Targets: core median ≤ 50 ms, slowest ≤ 2 s (a cut-short core is sound, only not minimal);
 * SVG ≤ 200 ms per core.
 */
import { checkHistory, explainViolation } from '../consistency/index.js';
import type { AnyModel, Operation } from '../consistency/index.js';
import { loadHistoryFile } from '../histories/index.js';
import { renderCoreDot, renderCoreSvg } from '../src/render/index.js';
import { corpusRows } from './corpus-rows.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLongHistory } from './generate-long-history.js';
import { DEFAULT_LONG_HISTORY } from './long-history.js';
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
  generatedStaleReads();
}

/**
 * Generated 2,000-op histories (bench/long-history.ts) with crashed operations and one stale read
 * placed where it is certainly not linearizable: the core of each, as a user of `stateright
 * check` gets it (default 2 s bound).
 */
function generatedStaleReads(): void {
  const RUNS_GENERATED = 3;
  const times: number[] = [];
  const sizes: number[] = [];
  let cut = 0;
  const dir = mkdtempSync(join(tmpdir(), 'stateright-bench-explain-'));
  for (const model of ['register', 'cas-register'] as const) {
    for (let seed = 1; seed <= 8; seed++) {
      const processes = 4 + (seed % 7);
      const path = join(dir, `${model}-${seed}.jsonl`);
      writeLongHistory(path, { ...DEFAULT_LONG_HISTORY, ops: 2_000, processes, crashed: 0.03, model, staleRead: true, seed });
      const loaded = loadHistoryFile(path, { model, init: 0 });
      const history = loaded.operations as readonly Operation<unknown, unknown>[];
      const result = checkHistory(history, loaded.model, 'linearizable', { timeoutMs: 20_000 });
      if (result.valid !== false) throw new Error(`${path}: expected invalid, got ${String(result.valid)}`);
      const runs: number[] = [];
      let explanation = null;
      for (let r = 0; r < RUNS_GENERATED; r++) {
        const started = performance.now();
        explanation = explainViolation(history, loaded.model, 'linearizable', result);
        runs.push(performance.now() - started);
      }
      if (!explanation) throw new Error('no explanation for an invalid generated history');
      times.push(median(runs));
      sizes.push(explanation.core.ids.length);
      if (explanation.core.cutShort) cut++;
      console.log(`  ${model} seed ${seed} (${processes} processes): check ${result.stats.elapsedMs.toFixed(0)} ms, core ${median(runs).toFixed(1)} ms, ${explanation.core.ids.length} ops${explanation.core.cutShort ? `, cut short (${explanation.core.cutShort})` : ''}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  console.log(`explain: ${times.length} generated 2,000-op histories (register and cas-register, 4-10 processes, 3% crashed, one stale read), medians of ${RUNS_GENERATED} runs`);
  console.log(`  core + words: median ${median(times).toFixed(1)} ms (target ≤ 50 ms), slowest ${times[times.length - 1].toFixed(0)} ms (target ≤ 2000 ms), cut short ${cut}`);
  console.log(`  core sizes: median ${median(sizes)}, max ${Math.max(...sizes)}, min ${Math.min(...sizes)}`);
}

await main();
