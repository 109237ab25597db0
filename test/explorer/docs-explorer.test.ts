/** The explore() example of docs/model-checking.md, run as written (on a free port instead of 3000). */
import { describe, expect, it } from 'vitest';
import { always, explore } from '../../src/index.js';
import type { Model, StateJson } from '../../src/index.js';
import { getJson, untilDone } from './http.js';

describe('docs/model-checking.md: explore()', () => {
  it('serves the clock model: the counterexample, the ignored reset at 0', async () => {
    const clock: Model<number, 'tick' | 'reset'> = {
      initStates: () => [0],
      actions: (_n, out) => void out.push('tick', 'reset'),
      nextState: (n, a) => (a === 'tick' ? (n + 1) % 4 : n === 0 ? undefined : 0), // reset at 0 is ignored
      properties: () => [always('below 3', (n) => n < 3)],
    };
    const running = await explore(clock, { port: 0, name: 'clock' });
    try {
      expect(running.url).toBe(`http://127.0.0.1:${running.port}/`);
      await untilDone(running.port);
      const status = await getJson<{ model: string; properties: unknown[] }>(running.port, '/.status');
      expect(status).toMatchObject({ model: 'clock', properties: [['Always', 'below 3', '0/0/0/0']] });
      const atZero = await getJson<StateJson[]>(running.port, '/.states/0');
      expect(atZero).toEqual([
        { action: 'tick', outcome: '1', state: '1', fingerprint: expect.any(String), properties: status.properties, actionIndex: 0 },
        { action: 'reset', properties: status.properties, actionIndex: 1 },
      ]);
    } finally {
      await running.close();
    }
  });
});
