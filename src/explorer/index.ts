/**
 * The Explorer: browse a model's state space in a web page while a background check explores it.
 * `explore(model, {port, host})` serves it; the HTTP API is Stateright 0.31's (see server.ts).
 */
import type { AddressInfo } from 'node:net';
import type { Model } from '../checker/index.js';
import type { BackgroundOptions } from './background-check.js';
import type { ModelFactory } from './worker-check.js';
import { explorerServer } from './server.js';
import { ExplorerSession, type ExplorerDescription } from './session.js';

export type { BackgroundOptions, BackgroundStatus, CheckRunner, RunPhase } from './background-check.js';
export type { ModelFactory } from './worker-check.js';
export { BackgroundCheck } from './background-check.js';
export type { ExplorerDescription } from './session.js';
export { ExplorerSession } from './session.js';
export type { StateJson, StatusJson, PropertyTriple } from './stateright-api.js';
export type { PageView, ProgressJson } from './page-view.js';
export { explorerHandler } from './server.js';

export interface ExploreOptions<State, Action> extends ExplorerDescription<State, Action>, BackgroundOptions {
  /**
   * Run the background check in a worker thread, which builds its own copy of the model with this
   * factory (it must build the same model). Without it the check runs in slices on the server's
   * thread. See worker-check.ts.
   */
  readonly worker?: ModelFactory;
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1 (this machine only); `0.0.0.0` serves every interface. */
  readonly host?: string;
}

export interface RunningExplorer<State, Action> {
  /** E.g. `http://127.0.0.1:3000/`. */
  readonly url: string;
  readonly port: number;
  readonly session: ExplorerSession<State, Action>;
  /** Stops the server and the background check. */
  close(): Promise<void>;
}

/** Serves the Explorer for `model`; resolves once it listens (rejects if it cannot bind). */
export function explore<State, Action>(model: Model<State, Action>, options: ExploreOptions<State, Action> = {}): Promise<RunningExplorer<State, Action>> {
  const session = new ExplorerSession(model, options, options);
  const server = explorerServer(session);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      session.check.stop();
      reject(error);
    });
    server.listen(options.port ?? 3000, host, () => {
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}/`,
        port,
        session,
        close: () =>
          new Promise<void>((done) => {
            session.check.stop();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
