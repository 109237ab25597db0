/**
 * The package as a user gets it: `npm pack` (which builds from clean) on a copy of the sources,
 * then the tarball installed into an empty project with no network, from the npm cache that
 * `npm ci` filled. The project pins the package's dependencies to this repository's lock file, as
 * a user's lock file would, so npm needs only the cached tarballs. Then the command runs, a
 * TypeScript import compiles under `--strict` and runs, and every source map leads to a file that
 * was shipped.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  engines: Record<string, string>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  files: string[];
};
/** The source folders the manifest ships: the first path segment of each pattern in `files`, so a new folder cannot be forgotten here. */
const SOURCE_DIRS = [...new Set(PACKAGE.files.filter((f) => !f.startsWith('!') && f.includes('/')).map((f) => f.split('/')[0]!))].filter((d) => d !== 'dist');
/** What `npm pack` needs to build the package: the manifest, the compiler settings, the bundling script and the sources. */
const PACKED_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'scripts', ...SOURCE_DIRS];
const SHIPPED_SOURCE = new RegExp(`^(${SOURCE_DIRS.join('|')})/.*\\.ts$`);
const BUILD_TIMEOUT_MS = 600_000;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** Compiles a consumer's TypeScript into out/ as a user's strict project would. */
const TSC_OPTIONS = ['--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--typeRoots', join(ROOT, 'node_modules', '@types'), '--types', 'node', '--outDir', 'out'];

let work: string;
let staging: string;
let consumer: string;
let packedFiles: string[];
let installed: string;

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (result.error) throw result.error;
  return result;
}

function succeed(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  expect(result.status, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** The empty project: the tarball as its one dependency, locked with this repository's entries for the package's own dependencies. */
function writeConsumerProject(tarball: string): void {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const runtimeEntries = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true);
  const spec = `file:${relative(consumer, tarball)}`;
  const manifest = { name: 'consumer', version: '9.9.9', private: true, type: 'module', dependencies: { [PACKAGE.name]: spec } };
  const packageEntry = { version: PACKAGE.version, resolved: spec, license: PACKAGE.license, dependencies: PACKAGE.dependencies, bin: PACKAGE.bin, engines: PACKAGE.engines };
  const consumerLock = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies }, [`node_modules/${PACKAGE.name}`]: packageEntry, ...Object.fromEntries(runtimeEntries) },
  };
  writeFileSync(join(consumer, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(consumer, 'package-lock.json'), JSON.stringify(consumerLock, null, 2));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'stateright-pack-'));
  staging = join(work, 'package');
  consumer = join(work, 'consumer');
  mkdirSync(staging);
  mkdirSync(consumer);
  for (const input of PACKED_INPUTS) cpSync(join(ROOT, input), join(staging, input), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(staging, 'node_modules'));
  const [packed] = JSON.parse(succeed('npm', ['pack', '--json', '--pack-destination', work], staging)) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed.files.map((f) => f.path);
  writeConsumerProject(join(work, packed.filename));
  succeed('npm', ['install', '--offline', '--no-audit', '--no-fund'], consumer);
  installed = join(consumer, 'node_modules', PACKAGE.name);
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds only what a consumer needs: the build, the sources its maps show, the example histories', () => {
    const unexpected = packedFiles.filter(
      (path) =>
        !['package.json', 'README.md'].includes(path) &&
        !(path.startsWith('dist/') && !path.startsWith('dist/bench/')) &&
        !SHIPPED_SOURCE.test(path) &&
        !path.startsWith('histories/examples/'),
    );
    expect(unexpected).toEqual([]);
    for (const needed of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/cli/main.js', 'dist/src/explorer/ui/index.html', 'src/index.ts', 'histories/examples/register-invalid.edn']) {
      expect(packedFiles).toContain(needed);
    }
  });

  it('ships every source file its source maps and declaration maps name', () => {
    const maps = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? maps(join(dir, e.name)) : e.name.endsWith('.map') ? [join(dir, e.name)] : []));
    const all = maps(join(installed, 'dist'));
    expect(all.length).toBeGreaterThan(100);
    const missing = all.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
      return sources.map((source) => join(dirname(map), source)).filter((source) => !existsSync(source)).map((source) => relative(installed, source));
    });
    expect(missing).toEqual([]);
  });

  it('passes `npm publish --dry-run` with nothing for npm to correct in package.json', () => {
    // The build is the one `npm pack` just made; a correction (a `bin` path npm rewrites, say)
    // would change the published manifest from the one tested here.
    const publish = run('npm', ['publish', '--dry-run', '--ignore-scripts', '--offline'], staging);
    expect(publish.status, publish.stderr).toBe(0);
    expect(publish.stderr).not.toMatch(/auto-corrected|errors corrected/);
  });

  it("`npx stateright --version` prints the package's version, not the project's", () => {
    expect(succeed('npx', ['--offline', 'stateright', '--version'], consumer).trim()).toBe(PACKAGE.version);
  });

  it('`npx stateright check` checks the example histories it ships', () => {
    const examples = `node_modules/${PACKAGE.name}/histories/examples`;
    const valid = run('npx', ['--offline', 'stateright', 'check', `${examples}/register-valid.edn`], consumer);
    expect([valid.status, valid.stdout]).toEqual([0, expect.stringMatching(/register-valid\.edn: linearizable \(register, 4 ops, /)]);
    const invalid = run('npx', ['--offline', 'stateright', 'check', `${examples}/register-invalid.edn`], consumer);
    expect([invalid.status, invalid.stdout]).toEqual([1, expect.stringContaining('register-invalid.edn: NOT linearizable (register, 3 ops, ')]);
  });

  it('`stateright check` runs from the bundle the build made, its worker threads included', () => {
    for (const bundled of ['dist/cli/check-bundle.js', 'dist/cli/check-worker.js']) expect(packedFiles).toContain(bundled);
    // 24,000 ops on 50 keys: past the size at which a keyed history is checked on worker threads.
    const events = Array.from({ length: 12_000 }, (_, i) => {
      const [key, process] = [`:k${i % 50}`, i % 8];
      return [
        `{:process ${process}, :type :invoke, :f :write, :value [${key} ${i}]}`,
        `{:process ${process}, :type :ok, :f :write, :value [${key} ${i}]}`,
        `{:process ${process}, :type :invoke, :f :read, :value [${key} nil]}`,
        `{:process ${process}, :type :ok, :f :read, :value [${key} ${i}]}`,
      ].join('\n');
    });
    writeFileSync(join(consumer, 'keys.edn'), `[${events.join('\n')}]\n`);
    const keyed = run('npx', ['--offline', 'stateright', 'check', 'keys.edn', '--independent', '--workers', '2'], consumer);
    expect([keyed.status, keyed.stdout]).toEqual([0, expect.stringContaining('keys.edn: linearizable (register, 24000 ops, ')]);
  });

  it('a TypeScript import compiles with tsc --strict against the shipped declarations, and runs', { timeout: BUILD_TIMEOUT_MS }, () => {
    writeFileSync(
      join(consumer, 'app.ts'),
      [
        "import { checkLinearizability, registerModel, UNKNOWN, type Operation, type RegisterInput, type Value } from 'stateright-ts';",
        'const history: Operation<RegisterInput, Value>[] = [',
        "  { id: 0, process: 0, input: { f: 'write', value: 1 }, output: null, status: 'ok', call: 0, return: 1 },",
        "  { id: 1, process: 1, input: { f: 'write', value: 2 }, output: UNKNOWN, status: 'info', call: 2, return: Infinity },",
        "  { id: 2, process: 2, input: { f: 'read' }, output: 2, status: 'ok', call: 3, return: 4 },",
        '];',
        "const verdict: boolean | 'unknown' = checkLinearizability(history, registerModel(0)).valid;",
        'console.log(verdict);',
      ].join('\n'),
    );
    succeed(process.execPath, [TSC, ...TSC_OPTIONS, 'app.ts'], consumer);
    expect(succeed(process.execPath, ['out/app.js'], consumer).trim()).toBe('true');
  });

  it('a system module in TypeScript: compiled by tsc --strict, --module runs it (on worker threads too); as .ts, it runs where Node strips types, else one line says what to do', { timeout: BUILD_TIMEOUT_MS }, () => {
    const fixture = readFileSync(join(ROOT, 'test', 'system', 'fixtures', 'primary-backup.ts'), 'utf8');
    writeFileSync(join(consumer, 'pb.ts'), fixture.replace("from '../../../src/index.js'", "from 'stateright-ts'"));
    succeed(process.execPath, [TSC, ...TSC_OPTIONS, 'pb.ts'], consumer);
    const model = (module: string) => run('npx', ['--offline', 'stateright', 'model', '--module', module, '--export', 'primaryBackup', '--workers', '2', '--json'], consumer);
    const compiled = model('out/pb.js');
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(JSON.parse(compiled.stdout)).toMatchObject({ unique: 874, complete: true, asExpected: true });
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const direct = model('pb.ts');
    if (major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18)) {
      expect(direct.status, direct.stderr).toBe(0);
      expect(JSON.parse(direct.stdout)).toMatchObject({ unique: 874 });
    } else {
      expect([direct.status, direct.stdout]).toEqual([2, '']);
      expect(direct.stderr).toMatch(/^stateright model: cannot load module pb\.ts: Node \d+\.\d+\.\d+ (does not run TypeScript|runs TypeScript only with --experimental-strip-types)[^\n]*compile it to JavaScript \(tsc\)[^\n]*\n$/);
    }
  });
});
