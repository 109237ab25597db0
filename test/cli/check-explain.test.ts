/** `stateright check` explains invalid histories: the core in words and JSON, graphs and reports. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckRendered, scratchFiles } from './check-harness.js';

const { dir, file } = scratchFiles('stateright-explain-');
const run = runCheckRendered;

// A stale read hidden among unrelated operations: the core is write 1, write 2, read 1.
const STALE = file(
  'stale.edn',
  `[{:process 0 :type :invoke :f :write :value 1}
 {:process 0 :type :ok :f :write :value 1}
 {:process 3 :type :invoke :f :read}
 {:process 3 :type :ok :f :read :value 1}
 {:process 1 :type :invoke :f :write :value 2}
 {:process 1 :type :ok :f :write :value 2}
 {:process 3 :type :invoke :f :read}
 {:process 3 :type :ok :f :read :value 2}
 {:process 2 :type :invoke :f :read}
 {:process 2 :type :ok :f :read :value 1}]
`,
);
const VALID = file('ok.edn', '[{:process 0 :type :invoke :f :write :value 1}\n {:process 0 :type :ok :f :write :value 1}]\n');

describe('explaining an invalid history', () => {
  it('prints the minimal conflicting operations and why no order works', async () => {
    const { code, stdout } = await run([STALE]);
    expect(code).toBe(1);
    // Write 1 is not in the core: it is context, weakened, and it still cannot help.
    expect(stdout).toMatch(/minimal conflicting operations \(indices\): 5, 9\n/);
    expect(stdout).toMatch(/context, the other operations the explanation names \(indices\): 1\n/);
    expect(stdout).toMatch(/read 1 requires the value 1, but the register holds 2/);
    expect(stdout).toMatch(/#1 write 1 by process 0 is the only operation that could make it legal, but it finished before #5 began/);
  });
  it('adds the core to --json output, as original indices', async () => {
    const { stdout } = await run([STALE], { json: true });
    const verdict = JSON.parse(stdout.trim()) as { core: number[]; context: number[]; coreMinimal: boolean; explanation: string[] };
    expect(verdict.core).toEqual([5, 9]);
    expect(verdict.context).toEqual([1]);
    expect(verdict.coreMinimal).toBe(true);
    expect(verdict.explanation.join('\n')).toMatch(/cannot all have happened as recorded, whatever the other 3 operations did/);
  });
  it('skips the explanation with --no-explain', async () => {
    const { stdout } = await run([STALE], { json: true, explain: false });
    expect(JSON.parse(stdout.trim())).not.toHaveProperty('core');
  });
  it('writes the graph as SVG and DOT, and the HTML report', async () => {
    const svg = join(dir, 'core.svg');
    const dot = join(dir, 'core.dot');
    const report = join(dir, 'report.html');
    const { code, stderr } = await run([STALE], { svg, dot, report });
    expect(code).toBe(1);
    expect(stderr).toMatch(/wrote .*core\.svg/);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<\?xml|<svg/);
    expect(readFileSync(dot, 'utf8')).toMatch(/digraph/);
    expect(readFileSync(report, 'utf8')).toMatch(/<html/i);
  });
  it('names each file’s artifacts after it when several files are checked', async () => {
    const svg = join(dir, 'many.svg');
    await run([STALE, VALID], { svg });
    expect(existsSync(join(dir, 'many.stale.svg'))).toBe(true);
    expect(existsSync(join(dir, 'many.ok.svg'))).toBe(true);
  });
  it('reports an unwritable output path as an input error, after the verdicts', async () => {
    const { code, stdout, stderr } = await run([STALE], { svg: join(dir, 'missing-folder', 'x.svg') });
    expect(code).toBe(2);
    expect(stdout).toMatch(/NOT linearizable/);
    expect(stderr).toMatch(/cannot write the graphs or report for .*stale\.edn: ENOENT/);
  });
});
