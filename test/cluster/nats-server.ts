/**
 * A `nats-server` for one test file: JetStream on, a free loopback port, a temporary store
 * directory; stopped (and its store removed) by `stop()`. Outside CI, tests that need one skip
 * when it is not installed; in CI they run (`.ci/run` installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NATS_SERVER = process.env.NATS_SERVER ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');
export const NATS_INSTALL = 'apt-get install nats-server';

export function natsServerInstalled(): boolean {
  return spawnSync(NATS_SERVER, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Skip (outside CI) when there is no nats-server, with a message naming the install command. */
export function skipWithoutNats(): boolean {
  if (natsServerInstalled()) return false;
  if (process.env.CI) throw new Error(`nats-server is not installed; CI installs it in .ci/run (${NATS_INSTALL})`);
  console.warn(`skipping the cluster tests: nats-server is not installed (${NATS_INSTALL})`);
  return true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

export class NatsServer {
  private process: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    readonly store: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<NatsServer> {
    const server = new NatsServer(await freePort(), mkdtempSync(join(tmpdir(), 'nats-store-')));
    await server.resume();
    return server;
  }

  /** Starts the server (again, on the same port and store). */
  async resume(): Promise<void> {
    this.process = spawn(NATS_SERVER, ['-js', '-sd', this.store, '-a', '127.0.0.1', '-p', String(this.port)], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await reachable(this.port))) {
      if (Date.now() > deadline) throw new Error(`nats-server did not start on port ${this.port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills the server (SIGKILL: no clean shutdown), keeping its store. */
  async kill(): Promise<void> {
    const p = this.process;
    if (p === undefined || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.store, { recursive: true, force: true });
  }
}
