/** Raw HTTP for the Explorer tests: paths are sent as written (fetch would normalise `/../`). */
import { request } from 'node:http';
import type { Model } from '../../src/checker/index.js';
import { explore, type ExploreOptions, type RunningExplorer } from '../../src/explorer/index.js';

export interface Reply {
  readonly status: number;
  readonly type: string | undefined;
  readonly body: string;
}

export function send(port: number, method: string, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export const get = (port: number, path: string): Promise<Reply> => send(port, 'GET', path);

export async function getJson<T>(port: number, path: string): Promise<T> {
  const reply = await get(port, path);
  if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${reply.body}`);
  return JSON.parse(reply.body) as T;
}

/** Serves `model` on a free port for the duration of `body`. */
export async function withExplorer<S, A, T>(model: Model<S, A>, options: ExploreOptions<S, A>, body: (running: RunningExplorer<S, A>) => Promise<T>): Promise<T> {
  const running = await explore(model, { ...options, port: 0 });
  try {
    return await body(running);
  } finally {
    await running.close();
  }
}

/** Waits until the background check is done. */
export async function untilDone(port: number): Promise<void> {
  for (;;) {
    const status = await getJson<{ done: boolean }>(port, '/.status');
    if (status.done) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}
