/**
 * Start-up of `stateright check`: a fresh process checking a 4-operation history, which is
 * almost all start-up. Runs, interleaved so that a host drifting in speed slows all alike:
 *
 * - `node -e 0`: Node alone, the floor;
 * - `stateright check FILE`: the command as run nearly always (cli/check-fast.ts, no yargs), from
 *   the one file the build bundles it into (scripts/bundle-check.mjs);
 * - the same check from the unbundled modules (check-fast.js imported directly), which is what the
 *   bundle saves the loader;
 * - `stateright check FILE --json=false`: the same check through yargs (a form the fast path
 *   leaves to it), as every command line went before the fast path.
 *
 *   npm run bench:startup                 # 15 runs of each, medians
 *   npm run bench:startup -- --runs 31
 *
 * On a shared machine the wall time is mostly waiting for a core, so each process's user plus
 * system CPU time is printed too, read with `/usr/bin/time` where it is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 15;
const cli = join(import.meta.dirname, '..', 'cli', 'main.js');
const unbundled = pathToFileURL(join(import.meta.dirname, '..', 'cli', 'check-fast.js')).href;
const file = join(mkdtempSync(join(tmpdir(), 'bench-startup-')), 'four-ops.edn');
writeFileSync(
  file,
  '{:type :invoke, :f :write, :value 1, :process 0}\n{:type :ok, :f :write, :value 1, :process 0}\n' +
    '{:type :invoke, :f :read, :value nil, :process 1}\n{:type :ok, :f :read, :value 1, :process 1}\n',
);

const cases: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'stateright check (4 ops)', args: [cli, 'check', file] },
  {
    name: 'stateright check (4 ops) from the unbundled modules',
    args: ['--input-type=module', '-e', `await (await import(${JSON.stringify(unbundled)})).runCheckFast(['check', ${JSON.stringify(file)}]);`],
  },
  { name: 'stateright check (4 ops) through yargs', args: [cli, 'check', file, '--json=false'] },
];

const TIME = '/usr/bin/time';
const cpuFile = join(file, '..', 'cpu');
const withCpu = existsSync(TIME);
const times = cases.map(() => [] as number[]);
const cpus = cases.map(() => [] as number[]);
for (let run = 0; run < runs; run++) {
  cases.forEach((c, i) => {
    const started = performance.now();
    const result = withCpu
      ? spawnSync(TIME, ['-o', cpuFile, '-f', '%U %S', process.execPath, ...c.args], { encoding: 'utf8' })
      : spawnSync(process.execPath, c.args, { encoding: 'utf8' });
    times[i].push((performance.now() - started) / 1000);
    if (result.status !== 0) throw new Error(`${c.name} exited ${result.status}: ${result.stderr}`);
    if (withCpu) {
      const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      cpus[i].push(user + system);
    }
  });
}
console.log(`bench:startup — ${runs} runs of each, interleaved; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
cases.forEach((c, i) =>
  console.log(
    `  ${c.name}: median ${median(times[i]).toFixed(3)} s (fastest ${Math.min(...times[i]).toFixed(3)} s)` +
      (withCpu ? `, CPU median ${median(cpus[i]).toFixed(2)} s (least ${Math.min(...cpus[i]).toFixed(2)} s)` : ''),
  ),
);
