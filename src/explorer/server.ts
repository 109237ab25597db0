/**
 * The Explorer's HTTP server (node:http). Stateright's routes (`GET /.status`, `GET /.states/...`,
 * `POST /.runtocompletion`) behave as in Stateright 0.31; the page's own routes are `GET /.view/...`,
 * `GET /.progress`, `GET /.timeline/...` and `POST /.pause`. Anything else is a static asset from
 * the `ui/` folder beside this module, or an empty 404.
 *
 * The background check runs in a worker thread (when given a model factory) or in slices on this
 * thread; then a request waits at most one slice (10 ms by default) plus its own work.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageView, progressJson } from './page-view.js';
import { timelineHtml } from './register-history.js';
import type { ExplorerSession } from './session.js';
import { parseIndices, statesJson, statusJson } from './stateright-api.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

/**
 * The page's files, read once, by URL path (`/` is `index.html`). Serving only names found in
 * this map means no request path, however encoded, can reach a file outside the folder.
 */
export function loadAssets(folder: string = fileURLToPath(new URL('./ui/', import.meta.url))): ReadonlyMap<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const type = CONTENT_TYPES[extname(entry.name)];
    if (type === undefined) continue;
    const asset = { body: readFileSync(`${folder}/${entry.name}`), type };
    assets.set(`/${entry.name}`, asset);
    if (entry.name === 'index.html') assets.set('/', asset);
  }
  return assets;
}

/** `/.states` followed by nothing or by `/...`: the rest; otherwise undefined. */
function routeRest(pathname: string, prefix: string): string | undefined {
  if (!pathname.startsWith(prefix)) return undefined;
  const rest = pathname.slice(prefix.length);
  return rest === '' || rest.startsWith('/') ? rest : undefined;
}

export function explorerHandler<S, A>(session: ExplorerSession<S, A>, assets: ReadonlyMap<string, Asset> = loadAssets()) {
  const send = (res: ServerResponse, status: number, type: string | undefined, body: string | Buffer = '') => {
    const headers: Record<string, string | number> = { 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' };
    if (type !== undefined) headers['content-type'] = type;
    res.writeHead(status, headers).end(body);
  };
  const json = (res: ServerResponse, value: unknown) => send(res, 200, 'application/json', JSON.stringify(value));
  const answer = (res: ServerResponse, value: unknown) => (typeof value === 'string' ? send(res, 404, 'text/plain; charset=utf-8', value) : json(res, value));

  const route = (method: string, pathname: string, res: ServerResponse): void => {
    if (method === 'POST') {
      if (pathname === '/.runtocompletion') {
        session.check.resume();
        return send(res, 200, undefined);
      }
      if (pathname === '/.pause') {
        session.check.pause();
        return send(res, 200, undefined);
      }
      return send(res, 404, undefined);
    }
    if (method !== 'GET' && method !== 'HEAD') return send(res, 404, undefined);
    if (pathname === '/.status') return json(res, statusJson(session));
    if (pathname === '/.progress') return json(res, progressJson(session));
    const states = routeRest(pathname, '/.states');
    if (states !== undefined) return answer(res, statesJson(session, states));
    const view = routeRest(pathname, '/.view');
    if (view !== undefined) return answer(res, pageView(session, view));
    const timeline = routeRest(pathname, '/.timeline');
    if (timeline !== undefined) return sendTimeline(res, timeline);
    const asset = assets.get(pathname);
    if (asset !== undefined) return send(res, 200, asset.type, asset.body);
    return send(res, 404, undefined);
  };

  const sendTimeline = (res: ServerResponse, rest: string): void => {
    const indices = parseIndices(rest);
    const path = typeof indices === 'string' ? undefined : session.replay(indices);
    if (typeof indices === 'string' || path === undefined) {
      return send(res, 404, 'text/plain; charset=utf-8', typeof indices === 'string' ? indices : `Unable to find state following action indices ${rest}`);
    }
    const state = path.states[path.states.length - 1] as { history?: unknown } | undefined;
    const html = state === undefined ? undefined : timelineHtml(state.history, `What the clients observed (path ${indices.join('/')})`);
    if (html === undefined) return send(res, 404, 'text/plain; charset=utf-8', 'This state keeps no client history.');
    send(res, 200, 'text/html; charset=utf-8', html);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    try {
      route(req.method ?? 'GET', q < 0 ? url : url.slice(0, q), res);
    } catch (error) {
      // The model's own code threw: say so instead of dropping the connection.
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `The model failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

export function explorerServer<S, A>(session: ExplorerSession<S, A>): Server {
  const server = createServer(explorerHandler(session));
  server.on('close', () => session.check.stop());
  return server;
}
