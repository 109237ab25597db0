/** Shared helpers for the runtime tests: servers on ephemeral ports, a load run, a history check. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeArguments, type ServeHandle } from '../../cli/serve-command.js';
import { runLoadCommand, type LoadArguments, type LoadResult } from '../../cli/load-command.js';
import { formatAddress } from '../../src/runtime/index.js';

export const SERVE_DEFAULTS: Omit<ServeArguments, 'protocol' | 'servers'> = {
  port: 0,
  host: '127.0.0.1',
  reliablePeers: false,
  resendMs: '20-40',
  drop: 0,
  duplicate: 0,
  delay: '0',
  seed: 0,
  log: false,
  downtimeMs: 200,
};

export interface Captured {
  stdout: string;
  stderr: string;
}

export function captureIo(): Captured & { io: { stdout: { isTTY: boolean; write(t: string): boolean }; stderr: { isTTY: boolean; write(t: string): boolean } } } {
  const c = {
    stdout: '',
    stderr: '',
    io: {
      stdout: { isTTY: false, write: (t: string) => ((c.stdout += t), true) },
      stderr: { isTTY: false, write: (t: string) => ((c.stderr += t), true) },
    },
  };
  return c;
}

/** Servers on ports the system chooses; `output` collects what `serve` prints. */
export async function serve(args: Partial<ServeArguments> & Pick<ServeArguments, 'protocol' | 'servers'>): Promise<ServeHandle & { output: Captured }> {
  const c = captureIo();
  const handle = await startServe({ ...SERVE_DEFAULTS, ...args }, c.io);
  if (typeof handle === 'number') throw new Error(`serve failed: ${c.stderr}`);
  return Object.assign(handle, { output: c });
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'stateright-runtime-'));

export interface LoadRun extends LoadResult, Captured {
  readonly history: string;
  /** The history's first line: the model and the initial value. */
  readonly header: Record<string, unknown>;
  /** The ops, after the header (`lines[i]` is the op with index i). */
  readonly lines: Record<string, unknown>[];
}

export async function load(handle: ServeHandle, args: Partial<LoadArguments>): Promise<LoadRun> {
  const history = join(tempDir(), 'run.jsonl');
  const c = captureIo();
  const result = await runLoadCommand(
    {
      servers: handle.addresses.map(formatAddress).join(','),
      clients: 4,
      duration: 1,
      history,
      timeoutMs: 200,
      putRatio: 0.5,
      seed: 0,
      drop: 0,
      duplicate: 0,
      delay: '0',
      check: true,
      model: 'register',
      ...args,
    },
    c.io,
  );
  const [header, ...lines] = readFileSync(history, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { ...result, stdout: c.stdout, stderr: c.stderr, history, header, lines };
}
