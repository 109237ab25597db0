/** `stateright worker` processes run from the TypeScript sources, for the cluster tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export class WorkerProcess {
  output = '';
  private constructor(readonly child: ChildProcess) {
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  static start(url: string, options: readonly string[] = []): WorkerProcess {
    return new WorkerProcess(spawn(process.execPath, ['--import', './test/cluster/register-ts.mjs', 'cli/main.ts', 'worker', '--nats', url, ...options], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Resolves once the worker has said `text`, `times` times (or rejects after `ms`). */
  async said(text: string, ms = 120_000, times = 1): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.output.split(text).length - 1 < times) {
      if (Date.now() > deadline) throw new Error(`worker did not say ${JSON.stringify(text)}; it said:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill(signal);
    await exited;
  }
}
