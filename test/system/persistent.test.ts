import { describe, expect, it } from 'vitest';
import { always, check } from '../../src/checker/index.js';
import { ActorModel, Out, type Actor } from '../../src/actor/index.js';
import { persistentServer } from '../../src/system/index.js';

/** A server that ticks twice on a timer it arms at start, and says hello at start. */
const ticker: Actor<number, string, 'tick'> = {
  onStart(_id, _storage, out) {
    out.setTimer('tick', [10, 20]);
    out.send(1, 'hello');
    return 0;
  },
  onTimeout(_id, ticks, _timer, out) {
    if (ticks === 2) return;
    if (ticks + 1 < 2) out.setTimer('tick', [10, 20]);
    return ticks + 1;
  },
};
const quiet: Actor<number, string, 'tick'> = { onStart: () => 0 };

describe('persistentServer', () => {
  it('a first start is the inner start; a recovery is the saved state with the timers the start arms, and no sends', () => {
    const server = persistentServer(ticker, { persistent: true });
    const first = new Out<string, 'tick', never, number>();
    expect(server.onStart(0, undefined, first)).toBe(0);
    expect(first.commands.map((c) => c.kind)).toEqual(['setTimer', 'send']);
    const recovered = new Out<string, 'tick', never, number>();
    expect(server.onStart(0, 1, recovered)).toBe(1);
    expect(recovered.commands).toEqual([{ kind: 'setTimer', timer: 'tick', duration: [10, 20] }]);
  });

  it('in a model with a crash, the server that crashed after its first tick ticks again after recovering', () => {
    const model = new ActorModel<number, string, undefined, 'tick', never, number>({
      actors: [persistentServer(ticker, { persistent: true }), quiet],
      maxCrashes: 1,
      properties: [always('true', () => true)],
    });
    // Every reachable state of the server: its ticks, whether it is down, whether its timer is armed.
    const seen = new Set<string>();
    const result = check(model, { visitor: (s) => void seen.add(`${s.actorStates[0]} ${s.crashed[0] ? 'down' : 'up'} ${s.timers[0].length > 0 ? 'armed' : 'idle'}`) });
    expect(result.complete).toBe(true);
    // A recovery arms the timer again: never "1 up idle" (a server back from a crash at one tick
    // that could never tick again), and "2 up armed" after a crash at two ticks.
    expect([...seen].sort()).toEqual(['0 down idle', '0 up armed', '1 down idle', '1 up armed', '2 down idle', '2 up armed', '2 up idle']);
  });
});
