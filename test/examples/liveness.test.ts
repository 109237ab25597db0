/**
 * Liveness properties of the bundled protocols, and the model on which Stateright's semantics and
 * the sound one differ.
 */
import { describe, expect, it } from 'vitest';
import { ActorModel, networkSize, orderedReliableLink, sequenceChart, type Actor, type Network } from '../../src/actor/index.js';
import { modelReportHtml, sequenceChartSvg } from '../../src/render/index.js';
import { check, eventually, replayPath, type Model, type ModelCheckResult } from '../../src/checker/index.js';
import { lossyRetryModel } from '../../src/examples/lossy-retry.js';
import { TwoPhaseCommit } from '../../src/examples/two-phase-commit.js';
import { abdRegister } from '../../register-models/abd.js';
import { paxosRegister, type PaxosState } from '../../register-models/paxos.js';
import { registerSystem } from '../../register-models/register-system.js';
import { singleCopyRegister } from '../../register-models/single-copy.js';

const REPLY = 'every client operation gets a reply';
const counts = (r: { generated: number; unique: number; maxDepth: number }) => [r.generated, r.unique, r.maxDepth];

/** Each step of the counterexample replays on the model, and a lasso's last state is its cycle's first. */
function assertReplays<S, A>(r: ModelCheckResult<S, A>, name: string): void {
  const path = r.discovery(name)!;
  const again = replayPath(r.model, path.indices);
  expect(again.states.length).toBe(path.indices.length);
  const start = r.cycleStart(name);
  if (start !== undefined) expect(r.model.formatState!(again.lastState)).toBe(r.model.formatState!(again.states[start]));
  else {
    const out: A[] = [];
    r.model.actions(again.lastState, out);
    expect(out.every((a) => r.model.nextState(again.lastState, a) === undefined)).toBe(true);
  }
}

describe('liveness of the bundled protocols', () => {
  it('two-phase commit: eventually all RMs are committed or all aborted, with Stateright counts unchanged', () => {
    const r = check(new TwoPhaseCommit(4, true));
    expect(r.verdict('all committed or all aborted')).toBe('holds');
    expect(counts(check(new TwoPhaseCommit(4, true), { liveness: 'stateright' }))).toEqual(counts(check(new TwoPhaseCommit(4))));
    expect(counts(r)).toEqual(counts(check(new TwoPhaseCommit(4))));
  });

  it('two-phase commit: without fairness an RM may stay working while others move on forever', () => {
    const unfair = new TwoPhaseCommit(2, true);
    (unfair as { fairClass?: unknown }).fairClass = undefined;
    const r = check(unfair);
    expect(r.verdict('all committed or all aborted')).toBe('fails');
    assertReplays(r, 'all committed or all aborted');
  });

  it('ABD: every client operation gets a reply on a reliable network; a lost request is never answered', () => {
    expect(check(registerSystem(abdRegister, { servers: 2, clients: 2, liveness: true })).verdict(REPLY)).toBe('holds');
    const lossy = check(registerSystem(abdRegister, { servers: 2, clients: 2, liveness: true, lossy: true }));
    expect(lossy.verdict(REPLY)).toBe('fails');
    assertReplays(lossy, REPLY);
    expect(lossy.discovery(REPLY)!.actions.some((a) => a.kind === 'drop')).toBe(true);
  });

  it('Paxos: one client is answered; a second client’s Put to a server that has decided is ignored forever, yet a value is decided', () => {
    expect(check(registerSystem(paxosRegister, { servers: 3, clients: 1, liveness: true })).verdict(REPLY)).toBe('holds');
    const system = registerSystem(paxosRegister, { servers: 3, clients: 2, liveness: true });
    const two = check(system);
    expect(two.verdict(REPLY)).toBe('fails');
    assertReplays(two, REPLY);
    // A dead end (no client retries, so no cycle), in which client 4's Put waits at a decided server.
    expect(two.cycleStart(REPLY)).toBeUndefined();
    const end = two.discovery(REPLY)!.lastState;
    expect(system.formatState(end)).toContain("Put(4, 'B') client 4 → server 1");
    expect((end.actorStates[1] as PaxosState).decided).toBe(true);
    // The single-decree guarantee holds under the same fairness: some server decides.
    const decided: Model<typeof end, Parameters<typeof system.nextState>[1]> = {
      initStates: () => system.initStates(),
      actions: (s, out) => system.actions(s, out),
      nextState: (s, a) => system.nextState(s, a),
      fairClass: (a) => system.fairClass(a),
      properties: () => [eventually('a value is decided', (s) => s.actorStates.some((state, id) => id < 3 && (state as PaxosState).decided))],
    };
    expect(check(decided).verdict('a value is decided')).toBe('holds');
  });

  it('a register behind the ordered reliable link answers every operation on a lossy network; without the link a dropped request is never answered', () => {
    for (const [protocol, servers] of [[singleCopyRegister, 1], [abdRegister, 2]] as const) {
      const options = { servers, clients: 1, liveness: true, lossy: true } as const;
      const raw = check(registerSystem(protocol as typeof abdRegister, options));
      expect(raw.verdict(REPLY)).toBe('fails');
      assertReplays(raw, REPLY);
      expect(raw.cycleStart(REPLY)).toBeUndefined(); // no retries, so no cycle: a dead end
      const linked = registerSystem(protocol as typeof abdRegister, { ...options, reliableLink: true });
      const r = check(linked);
      expect(r.verdict(REPLY)).toBe('holds');
      expect(r.verdict('linearizable')).toBe('holds');
      expect(r.discovery('value chosen')).toBeDefined();
      expect(linked.describeConfiguration()).toContain('ordered reliable link');
    }
  });

  it('behind the link on a network whose deliveries are not fair, the resend timer fires forever: a lasso that replays', () => {
    const system = registerSystem(abdRegister, { servers: 2, clients: 1, liveness: true, lossy: true, reliableLink: true, fair: ['timeout'] });
    expect(system.describeConfiguration()).toContain('fair actions: timeout');
    const r = check(system);
    expect(r.verdict(REPLY)).toBe('fails');
    const start = r.cycleStart(REPLY);
    expect(start).toBeDefined();
    assertReplays(r, REPLY);
    const cycle = r.discovery(REPLY)!.actions.slice(start);
    expect(cycle.length).toBeGreaterThan(0);
    expect(cycle.every((a) => a.kind === 'timeout' || a.kind === 'drop')).toBe(true);
    // Every step, the cycle's included, is a step of the model from the state before it.
    const path = r.discovery(REPLY)!;
    path.actions.forEach((a, i) => expect(system.formatState(system.nextState(path.states[i], a)!)).toBe(system.formatState(path.states[i + 1] ?? path.lastState)));
  });

  it('behind the link, Paxos (one client) and ABD (two clients) lose a request their server ignores, exactly as on an ordered network', () => {
    for (const [protocol, servers, clients] of [[paxosRegister, 3, 1], [abdRegister, 2, 2]] as const) {
      const options = { servers, clients, liveness: true } as const;
      const linked = check(registerSystem(protocol as typeof abdRegister, { ...options, reliableLink: true }));
      const ordered = check(registerSystem(protocol as typeof abdRegister, { ...options, network: 'ordered' }));
      const unordered = check(registerSystem(protocol as typeof abdRegister, options));
      expect([linked.verdict(REPLY), ordered.verdict(REPLY), unordered.verdict(clients === 1 ? REPLY : 'linearizable')]).toEqual(['fails', 'fails', 'holds']);
      expect(linked.unique).toBe(ordered.unique);
      assertReplays(linked, REPLY);
      expect(linked.cycleStart(REPLY)).toBeUndefined();
    }
  });

  it('with linkKeepsIgnored the ignored request comes again: Paxos (one client) and ABD (two clients) answer every operation on a lossy network; ABD with three servers then waits forever', () => {
    for (const [protocol, servers, clients] of [[paxosRegister, 3, 1], [abdRegister, 2, 2]] as const) {
      const r = check(registerSystem(protocol as typeof abdRegister, { servers, clients, liveness: true, lossy: true, reliableLink: true, linkKeepsIgnored: true }));
      expect([r.verdict(REPLY), r.verdict('linearizable'), r.unique]).toEqual(['holds', 'holds', clients === 1 ? 1210 : 1904]);
    }
    // A late reply a server ignores for ever is resent for ever and holds back its sender's later messages.
    const three = check(registerSystem(abdRegister, { servers: 3, clients: 1, liveness: true, lossy: true, reliableLink: true, linkKeepsIgnored: true }));
    expect(three.verdict(REPLY)).toBe('fails');
    expect(three.cycleStart(REPLY)).toBeDefined();
    assertReplays(three, REPLY);
  });

  it('the liveness option leaves the register systems of the Stateright counts unchanged', () => {
    const plain = check(registerSystem(abdRegister, { servers: 2, clients: 2 }));
    expect(counts(check(registerSystem(abdRegister, { servers: 2, clients: 2, liveness: true })))).toEqual(counts(plain));
  });

  it('the ordered reliable link gets every message through a lossy network; without it one may be lost', () => {
    type Msg = { readonly type: 'Data'; readonly n: number };
    const sender: Actor<number, Msg> = {
      onStart(_id, _storage, out) {
        out.send(1, { type: 'Data', n: 1 });
        return 0;
      },
    };
    const receiver: Actor<number, Msg> = { onStart: () => 0, onMsg: (_id, count) => count + 1 };
    const model = (linked: boolean) =>
      new ActorModel({
        actors: (linked ? [orderedReliableLink(sender), orderedReliableLink(receiver)] : [sender, receiver]) as Actor<unknown, unknown, unknown>[],
        network: 'unordered-nonduplicating',
        lossy: true,
        // The link resends all the time: at most two messages in flight keeps the space finite.
        withinBoundary: (s: { network: Network<unknown> }) => networkSize(s.network) <= 2,
        properties: [
          eventually('delivered', (s: { actorStates: readonly unknown[] }) => {
            const state = s.actorStates[1] as number | { wrapped: number };
            return (typeof state === 'number' ? state : state.wrapped) > 0;
          }),
        ],
      });
    const raw = check(model(false));
    expect(raw.verdict('delivered')).toBe('fails');
    assertReplays(raw, 'delivered');
    const linked = check(model(true), { timeoutMs: 20_000 });
    expect(linked.verdict('delivered')).toBe('holds');
  });
});

describe('Stateright semantics and the sound one differ on lossy retry', () => {
  it('Stateright says holds; the sound check finds the lasso "drop, resend" that replays', () => {
    const model = lossyRetryModel({ fairDelivery: false });
    const stateright = check(model, { liveness: 'stateright' });
    const sound = check(model);
    expect(counts(sound)).toEqual(counts(stateright));
    expect(stateright.verdict('the sender gets a Pong')).toBe('holds');
    expect(sound.verdict('the sender gets a Pong')).toBe('fails');
    const start = sound.cycleStart('the sender gets a Pong');
    expect(start).toBeDefined();
    assertReplays(sound, 'the sender gets a Pong');
    const cycle = sound.discovery('the sender gets a Pong')!.actions.slice(start).map((a) => model.formatAction(a));
    expect(cycle.some((a) => a.startsWith('Drop('))).toBe(true);
    expect(cycle.some((a) => a.startsWith('Timeout('))).toBe(true);
    expect(check(lossyRetryModel()).verdict('the sender gets a Pong')).toBe('holds');
  });

  it('the sequence chart and the HTML report mark the cycle', () => {
    const model = lossyRetryModel({ fairDelivery: false });
    const r = check(model);
    const path = r.discovery('the sender gets a Pong')!;
    const start = r.cycleStart('the sender gets a Pong')!;
    const chart = sequenceChart(model, path, { property: 'the sender gets a Pong', cycleStart: start });
    const svg = sequenceChartSvg(chart);
    expect(svg).toContain('class="cycle-steps"');
    expect(svg).toContain('class="cycle-back"');
    expect(svg).toContain(`cycle starts here (step ${start})`);
    const steps = ['initial state', ...path.actions.map((a) => model.formatAction(a))];
    const html = modelReportHtml({ title: 'lossy retry', summary: 'lasso', violation: true, steps, finalState: '', chart, cycleStart: start });
    expect(html.match(/class="in-cycle"/g)?.length).toBe(steps.length - 1 - start);
    expect(html).toContain('the cycle starts here');
    expect(html).toContain(`back to step ${start}`);
  });
});
