/**
 * The Explorer's HTTP API against Stateright 0.31's (the reference's §3.2–3.4 and its pinned
 * tests): JSON shapes and key order, omitted keys, action indices, the 404 messages, long and
 * concurrent requests, and static files that cannot leave the asset folder.
 */
import { describe, expect, it } from 'vitest';
import { always, check, type Model } from '../../src/checker/index.js';
import type { PageView, ProgressJson, StateJson, StatusJson } from '../../src/explorer/index.js';
import { LinearEquation } from '../../src/examples/linear-equation.js';
import { pingPongModel } from '../../src/examples/ping-pong.js';
import { paxosNoAdopt, registerSystem } from '../../register-models/index.js';
import { get, getJson, send, untilDone, withExplorer } from './http.js';

/** Stateright's BinaryClock: init states 0 and 1; 0 offers GoHigh, 1 offers GoLow. */
const binaryClock: Model<number, 'GoHigh' | 'GoLow'> = {
  initStates: () => [0, 1],
  actions: (s, out) => void out.push(s === 0 ? 'GoHigh' : 'GoLow'),
  nextState: (_s, a) => (a === 'GoHigh' ? 1 : 0),
  properties: () => [always('in [0, 1]', (s) => s === 0 || s === 1)],
};

const pingPong = (lossy: boolean) => pingPongModel({ maxNat: 2, lossy, network: 'unordered-nonduplicating', maintainsHistory: true });

describe('GET /.states', () => {
  it('BinaryClock: init states, then the successors of a path (Stateright can_init / can_next)', async () => {
    await withExplorer(binaryClock, {}, async ({ port }) => {
      await untilDone(port);
      const inits = await getJson<StateJson[]>(port, '/.states');
      expect(inits.map((e) => Object.keys(e))).toEqual([
        ['state', 'fingerprint', 'properties', 'actionIndex'],
        ['state', 'fingerprint', 'properties', 'actionIndex'],
      ]);
      expect(inits.map((e) => [e.state, e.actionIndex, e.properties])).toEqual([
        ['0', 0, [['Always', 'in [0, 1]', null]]],
        ['1', 1, [['Always', 'in [0, 1]', null]]],
      ]);
      expect(inits[0].fingerprint).toMatch(/^\d+$/);
      expect(await getJson(port, '/.states/')).toEqual(inits);
      const next = await getJson<StateJson[]>(port, '/.states/1/0');
      expect(next).toEqual([{ action: 'GoHigh', outcome: '1', state: '1', fingerprint: inits[1].fingerprint, properties: [['Always', 'in [0, 1]', null]], actionIndex: 0 }]);
      expect(await getJson(port, '/.states/1/0/')).toEqual(next);
      expect(await getJson<ProgressJson>(port, '/.progress')).toMatchObject({ phase: 'done', complete: true, summaries: ['Safety holds'] });
    });
  });

  it('bad paths: 404 with Stateright’s messages (err_for_invalid_index)', async () => {
    await withExplorer(binaryClock, {}, async ({ port }) => {
      const cases: [string, string][] = [
        ['/.states/one/two/three', 'Unable to parse action indices /one/two/three'],
        ['/.states/1/2/3', 'Unable to find state following action indices /1/2/3'],
        ['/.states/2', 'Unable to find state following action indices /2'],
        ['/.states/0/-1', 'Unable to parse action indices /0/-1'],
        ['/.states/0//0', 'Unable to parse action indices /0//0'],
        ['/.states/0/99999999999999999999999', 'Unable to parse action indices /0/99999999999999999999999'],
      ];
      for (const [path, message] of cases) {
        const reply = await get(port, path);
        expect([path, reply.status, reply.body]).toEqual([path, 404, message]);
      }
      // Rust's integer parsing takes a leading '+', so Stateright does too.
      expect((await get(port, '/.states/+1/0')).status).toBe(200);
    });
  });

  it('ping-pong (lossy, non-duplicating): init entry with discoveries, a drop and a delivery (smoke_test_states)', async () => {
    await withExplorer(pingPong(true), {}, async ({ port }) => {
      await untilDone(port);
      const [init] = await getJson<StateJson[]>(port, '/.states');
      expect(Object.keys(init)).toEqual(['state', 'fingerprint', 'properties', 'svg', 'actionIndex']);
      // The discoveries are the checker's BFS ones (this ping-pong's properties differ from Stateright's test copy).
      const bfs = check(pingPong(true), { strategy: 'bfs' });
      expect(init.properties).toEqual(bfs.properties.map((p) => [p.expectation[0].toUpperCase() + p.expectation.slice(1), p.name, bfs.encodedDiscoveries()[p.name] ?? null]));
      expect(init.properties![0]).toEqual(['Always', 'delta within 1', null]);
      expect(init.svg).toBe(
        "<svg version='1.1' baseProfile='full' width='500' height='30' viewbox='-20 -20 520 50' xmlns='http://www.w3.org/2000/svg'><defs><marker class='svg-event-shape' id='arrow' markerWidth='12' markerHeight='10' refX='12' refY='5' orient='auto'><polygon points='0 0, 12 5, 0 10' /></marker></defs>" +
          "<line x1='0' y1='0' x2='0' y2='30' class='svg-actor-timeline' />\n<text x='0' y='0' class='svg-actor-label'>0</text>\n" +
          "<line x1='100' y1='0' x2='100' y2='30' class='svg-actor-timeline' />\n<text x='100' y='0' class='svg-actor-label'>1</text>\n</svg>\n",
      );
      const [drop, deliver] = await getJson<StateJson[]>(port, '/.states/0');
      expect(drop.action).toBe('Drop(Id(0) → Ping(0) → Id(1))');
      expect(drop.outcome).toBe('DROP: Envelope { src: Id(0), dst: Id(1), msg: Ping(0) }');
      expect(drop.actionIndex).toBe(0);
      expect(deliver.action).toBe('Id(0) → Ping(0) → Id(1)');
      expect(deliver.outcome).toBe('OUT: [Send(Id(0), Pong(0))]\n\nNEXT_STATE: 1\n\nPREV_STATE: 0\n');
      expect(deliver.actionIndex).toBe(1);
      expect(deliver.svg).toContain("width='500' height='60' viewbox='-20 -20 520 80'");
      expect(deliver.svg).toContain(
        "<line x1='0' x2='100' y1='0' y2='30' marker-end='url(#arrow)' class='svg-event-line' />\n<text x='100' y='30' class='svg-event-label'>Ping(0)</text>\n</svg>\n",
      );
      expect(drop.svg).toBe(
        "<svg version='1.1' baseProfile='full' width='500' height='60' viewbox='-20 -20 520 80' xmlns='http://www.w3.org/2000/svg'><defs><marker class='svg-event-shape' id='arrow' markerWidth='12' markerHeight='10' refX='12' refY='5' orient='auto'><polygon points='0 0, 12 5, 0 10' /></marker></defs>" +
          "<line x1='0' y1='0' x2='0' y2='60' class='svg-actor-timeline' />\n<text x='0' y='0' class='svg-actor-label'>0</text>\n" +
          "<line x1='100' y1='0' x2='100' y2='60' class='svg-actor-timeline' />\n<text x='100' y='0' class='svg-actor-label'>1</text>\n</svg>\n",
      );
    });
  });

  it('ignored actions are listed with only action, properties and actionIndex', async () => {
    // On a duplicating network Ping(0) stays in flight; delivering it again is a no-op, so ignored.
    const model = pingPongModel({ maxNat: 2 });
    await withExplorer(model, {}, async ({ port }) => {
      const entries = await getJson<StateJson[]>(port, '/.states/0/0');
      const ignored = entries.filter((e) => e.state === undefined);
      expect(ignored.length).toBeGreaterThan(0);
      for (const e of ignored) expect(Object.keys(e)).toEqual(['action', 'properties', 'actionIndex']);
      expect(entries.map((e) => e.actionIndex)).toEqual(entries.map((_, i) => i));
    });
  });

  it('a model without properties: no properties key; a non-actor model: no svg key', async () => {
    const bare: Model<number, number> = { initStates: () => [7], actions: (s, out) => void (s < 9 ? out.push(1) : 0), nextState: (s, a) => s + a, properties: () => [] };
    await withExplorer(bare, {}, async ({ port }) => {
      expect(await getJson(port, '/.states')).toEqual([{ state: '7', fingerprint: expect.stringMatching(/^\d+$/), actionIndex: 0 }]);
      const status = await getJson<StatusJson>(port, '/.status');
      expect(status).toMatchObject({ done: true, properties: [] });
    });
  });

  it('absurdly long paths: refused or answered, and the server keeps serving', async () => {
    await withExplorer(new LinearEquation(2, 10, 14), {}, async ({ port }) => {
      // 3,000 valid steps (IncreaseX is always enabled): answered.
      const long = '/.states/0' + '/0'.repeat(3000);
      const reply = await get(port, long);
      expect(reply.status).toBe(200);
      expect((JSON.parse(reply.body) as StateJson[]).length).toBe(2);
      // 300,000 characters: beyond node's header limit (431) — not a crash, not a hang.
      const huge = await get(port, '/.states/0' + '/1'.repeat(150_000));
      expect([404, 431]).toContain(huge.status);
      const bad = await get(port, '/.states/0' + '/7'.repeat(3000));
      expect(bad.status).toBe(404);
      expect(bad.body).toMatch(/^Unable to find state following action indices \/0\/7\/7/);
      expect((await get(port, '/.status')).status).toBe(200);
    });
  });

  it('concurrent requests all get their own, correct answers', async () => {
    const model = registerSystem(paxosNoAdopt, { servers: 3, clients: 2 });
    await withExplorer(model, {}, async ({ port }) => {
      await untilDone(port); // (discoveries in the answers change until then)
      const paths = ['/.states', '/.states/0', '/.states/0/0', '/.states/0/1', '/.states/0/0/0', '/.view/0/1', '/.status', '/.progress'];
      const expected = new Map<string, string>();
      for (const p of paths.slice(0, 6)) expected.set(p, (await get(port, p)).body);
      const replies = await Promise.all(Array.from({ length: 60 }, (_, k) => paths[k % paths.length]).map(async (p) => [p, await get(port, p)] as const));
      for (const [p, r] of replies) {
        expect(r.status, p).toBe(200);
        if (expected.has(p)) expect(r.body, p).toBe(expected.get(p));
        else JSON.parse(r.body);
      }
    });
  });
});

describe('GET /.status and POST /.runtocompletion', () => {
  it('ping-pong (not lossy) explored to the end: Stateright’s counts and discoveries (smoke_test_status)', async () => {
    await withExplorer(pingPong(false), { name: 'ping-pong' }, async ({ port }) => {
      await untilDone(port);
      const status = await getJson<StatusJson>(port, '/.status');
      expect(Object.keys(status)).toEqual(['done', 'model', 'state_count', 'unique_state_count', 'max_depth', 'properties', 'recent_path']);
      expect(status).toMatchObject({ done: true, model: 'ping-pong', state_count: 5, unique_state_count: 5, max_depth: 5 });
      const found = status.properties.filter(([, , path]) => path !== null).map(([, name]) => name);
      expect(found).toEqual(['can reach max', 'must exceed max']);
      expect(status.recent_path).toMatch(/^\[/);
    });
  });

  it('a paused run explores nothing until Run to completion; Pause stops it; other methods miss', async () => {
    const model = registerSystem(paxosNoAdopt, { servers: 3, clients: 2 });
    await withExplorer(model, { paused: true }, async ({ port }) => {
      const before = await getJson<ProgressJson>(port, '/.progress');
      expect(before).toMatchObject({ phase: 'paused', done: false, unique_state_count: 1, max_depth: 0 });
      expect(before.summaries).toEqual(['Holds in the 1 state explored so far', 'No example in the 1 state explored so far']);
      expect(await get(port, '/.runtocompletion')).toMatchObject({ status: 404, body: '' });
      expect(await send(port, 'POST', '/.runtocompletion')).toMatchObject({ status: 200, body: '' });
      await untilDone(port);
      const after = await getJson<ProgressJson>(port, '/.progress');
      expect(after.phase).toBe('done');
      expect(after.summaries).toEqual(['Counterexample found', 'Example found']);
      expect(await send(port, 'POST', '/.status')).toMatchObject({ status: 404, body: '' });
      expect(await send(port, 'DELETE', '/.states')).toMatchObject({ status: 404, body: '' });
    });
  });
});

describe('the page’s routes', () => {
  it('/.view: breadcrumbs, actions, properties at this state, the actor system and its chart', async () => {
    const model = registerSystem(paxosNoAdopt, { servers: 3, clients: 2 });
    await withExplorer(model, { describeAction: (a) => model.describeAction(a), actorLabel: (id) => model.roleName(id) }, async ({ port }) => {
      await untilDone(port);
      const root = await getJson<PageView>(port, '/.view');
      expect(root.steps).toEqual([]);
      expect(root.actions).toEqual([{ actionIndex: 0, action: 'Init 0', outcome: expect.stringContaining('client 3: awaits the reply to request 3') }]);
      const status = await getJson<StatusJson>(port, '/.status');
      const discovery = status.properties[0][2]!;
      const view = await getJson<PageView>(port, `/.view/${discovery}`);
      expect(view.path).toBe(discovery);
      expect(view.steps.length).toBe(discovery.split('/').length);
      expect(view.steps[0]).toEqual({ label: 'Init 0', path: '0' });
      expect(view.steps[1].label).toMatch(/^server \d receives /);
      expect(view.properties[0]).toEqual({ expectation: 'Always', name: 'linearizable', here: false, discovery });
      expect(view.system!.actors.map((a) => a.label)).toEqual(['server 0', 'server 1', 'server 2', 'client 3', 'client 4']);
      expect(view.chart).toMatch(/^<svg/);
      expect(view.history).toEqual({ operations: 4, verdicts: ['not linearizable'] });
      const parent = await getJson<PageView>(port, `/.view/${discovery.replace(/\/\d+$/, '')}`);
      expect(parent.properties[0].here).toBe(true);
      expect(parent.actions.some((a) => a.actionIndex === Number(discovery.split('/').pop()) && a.ignored === undefined)).toBe(true);
      const timeline = await get(port, `/.timeline/${discovery}`);
      expect(timeline.status).toBe(200);
      expect(timeline.body).toContain('not linearizable');
      expect(timeline.body).toContain('id="timeline"');
      expect((await get(port, '/.view/0/77')).body).toBe('Unable to find state following action indices /0/77');
    });
  });

  it('static files: the page and its assets, and nothing outside the asset folder', async () => {
    await withExplorer(binaryClock, {}, async ({ port }) => {
      const page = await get(port, '/');
      expect(page.status).toBe(200);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.body).toContain('<script src="/app.js">');
      expect(page.body).not.toMatch(/https?:\/\//);
      expect((await get(port, '/app.js')).type).toMatch(/^text\/javascript/);
      expect((await get(port, '/app.css')).type).toMatch(/^text\/css/);
      expect((await get(port, '/?x=1')).status).toBe(200);
      const escapes = ['/.statesX', '/.states0', '/.viewer', '/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/ui/app.js', '/%2fetc%2fpasswd', '//etc/passwd', '/app.js/..', '/./app.js', '/.%2e/server.ts', '/server.ts', '/index.ts', '/nothing'];
      for (const path of escapes) expect([path, (await get(port, path)).status, (await get(port, path)).body]).toEqual([path, 404, '']);
    });
  });
});
