/**
 * Every example of the README and the book runs and prints what the text shows (see
 * doc-blocks.ts for the conventions). Programs import 'stateright-ts', resolved here to the
 * sources; `stateright` commands run the command from its sources in a scratch folder that sees
 * the repository's `histories/`, so files a command writes stay out of the checkout.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, documentationFiles, matchesTranscript, programs, readBlocks, steps, withoutNumbers, withoutTimes, type Block } from './doc-blocks.js';

const LOADER = join(ROOT, 'test', 'docs', 'register-ts.mjs');
const CLI = join(ROOT, 'cli', 'main.ts');
/** What a program's `'stateright-ts'` becomes: the sources, for Node (through the loader) and for tsc alike. */
const INDEX = join(ROOT, 'src', 'index.js');
const STEP_TIMEOUT_MS = 90_000;

const scratchRoot = join(ROOT, 'node_modules', '.cache', 'doc-examples');
mkdirSync(scratchRoot, { recursive: true });
const scratch = mkdtempSync(join(scratchRoot, 'run-'));
symlinkSync(join(ROOT, 'histories'), join(scratch, 'histories'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', LOADER, ...args], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'], timeout: STEP_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: stdout.trimEnd(), stderr }));
  });
}

/**
 * Starts a command in the background and waits until it has printed `lines` lines, on either
 * stream (a terminal shows both; `serve` writes its greeting to stderr).
 */
function startInBackground(args: readonly string[], lines: number): Promise<{ child: ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', LOADER, ...args], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`not ${lines} lines after 30 s: ${output}`)), 30_000);
    const collect = (d: Buffer): void => {
      output += d.toString();
      if (output.split('\n').filter((l) => l !== '').length >= lines) {
        clearTimeout(timer);
        resolve({ child, output: output.trimEnd() });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

/** Shell words, with '…' and "…" quoting (all the documentation uses). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Three consecutive UDP ports that are free on loopback now. */
async function freePorts(count: number): Promise<number> {
  const isFree = (port: number): Promise<boolean> =>
    new Promise((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => isFree(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error('no free UDP ports on 127.0.0.1');
}

/** Runs a console block's steps in order, comparing each one's output with the text's. */
async function runTranscript(block: Block): Promise<void> {
  let text = block.text;
  const background: ChildProcess[] = [];
  // Servers started in the background listen on ports that may be taken on a shared machine:
  // the documented ports 3000–3009 are moved to free ones, in the commands and in the output.
  if (/&\s*$/m.test(text)) {
    const base = await freePorts(10);
    text = text.replace(/\b300(\d)\b/g, (_m, d: string) => String(base + Number(d)));
  }
  // A block that records a run over a real network differs in every count, from the `load`
  // on; anything else differs only in times.
  const normalise = /^\$ (npx )?stateright load /m.test(text) ? withoutNumbers : withoutTimes;
  let lastCode: number | null = 0;
  try {
    for (const step of steps({ ...block, text })) {
      const where = `${block.file}:${block.line}: $ ${step.command}`;
      const cli = /^(?:npx (?:--offline )?)?stateright(?: (.*?))?\s*(&)?$/.exec(step.command);
      const head = /^head -(\d+) (\S+)$/.exec(step.command);
      if (step.command === 'echo $?') {
        expect(String(lastCode), where).toBe(step.expected);
      } else if (cli !== null && cli[2] === '&') {
        const expectedLines = step.expected === '' ? 0 : step.expected.split('\n').length;
        const started = await startInBackground([CLI, ...words(cli[1] ?? '')], expectedLines);
        background.push(started.child);
        expect(matchesTranscript(step.expected, started.output, withoutTimes), `${where}\n${started.output}`).toBe(true);
      } else if (cli !== null) {
        const result = await run([CLI, ...words(cli[1] ?? '')]);
        lastCode = result.code;
        expect(matchesTranscript(step.expected, result.stdout, normalise), `${where}\n--- printed:\n${result.stdout}\n${result.stderr}`).toBe(true);
      } else if (head !== null) {
        const lines = readFileSync(join(scratch, head[2]), 'utf8').split('\n').slice(0, Number(head[1])).join('\n');
        expect(matchesTranscript(step.expected, lines, normalise), `${where}\n--- printed:\n${lines}`).toBe(true);
      } else {
        throw new Error(`${where}: only \`stateright …\` and \`echo $?\` can be run; mark the block <!-- not run: … -->`);
      }
    }
  } finally {
    for (const child of background) child.kill();
  }
}

/** Writes a `ts` block into `dir` as a program that imports the sources; returns its path. */
function writeProgram(block: Block, dir: string): string {
  const file = join(dir, `${block.file.replace(/\W/g, '-')}-${block.line}.ts`);
  writeFileSync(file, block.text.replace(/from 'stateright-ts'/g, `from '${INDEX}'`));
  return file;
}

async function runProgram(block: Block, expected: string | undefined): Promise<void> {
  const file = writeProgram(block, scratch);
  const result = await run([file]);
  const where = `${block.file}:${block.line}`;
  expect(result.code, `${where}: ${result.stderr}`).toBe(0);
  if (expected !== undefined) expect(matchesTranscript(expected, result.stdout, withoutTimes), `${where}\n--- printed:\n${result.stdout}`).toBe(true);
}

describe('the programs of the README and the book', () => {
  it("type-check with the project's compiler settings", () => {
    // Running a program only strips its types; tsc also catches an option renamed or a type
    // changed in the public API, which a program may survive at run time.
    const dir = mkdtempSync(join(scratchRoot, 'types-'));
    try {
      const blocks = documentationFiles().flatMap((file) => programs(readBlocks(file)).map((p) => p.block));
      const files = blocks.map((block) => writeProgram(block, dir));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions: { noEmit: true }, files, include: [] }));
      const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', timeout: STEP_TIMEOUT_MS * 2 });
      expect(files.length).toBeGreaterThanOrEqual(8);
      expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, STEP_TIMEOUT_MS * 2);
});

for (const file of documentationFiles()) {
  const blocks = readBlocks(file);
  const runnable = blocks.filter((b) => b.notRun === undefined);
  const toRun = [
    ...programs(runnable).map((p) => ({ block: p.block, test: () => runProgram(p.block, p.expected) })),
    ...runnable.filter((b) => b.lang === 'console').map((block) => ({ block, test: () => runTranscript(block) })),
  ].sort((a, b) => a.block.line - b.block.line);
  describe(file, () => {
    it('has no output block without a program before it', () => {
      const orphans = blocks.filter((b, i) => b.lang === 'output' && blocks[i - 1]?.lang !== 'ts');
      expect(orphans.map((b) => `${b.file}:${b.line}`)).toEqual([]);
    });
    it('leaves a block unrun only for a test that exists and runs it', () => {
      for (const block of blocks.filter((b) => b.notRun !== undefined)) {
        const named = /\btest\/\S+\.test\.ts\b/.exec(block.notRun!);
        expect(named && existsSync(join(ROOT, named[0])), `${block.file}:${block.line}: ${block.notRun}`).toBe(true);
      }
    });
    for (const { block, test } of toRun) it(`line ${block.line} (${block.lang})`, test, STEP_TIMEOUT_MS * 2);
  });
}
