/**
 * Raft's leader election as a liveness property (src/examples/raft-election.ts): a livelock
 * lasso when election timeouts are all equal, and a leader under randomized ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, fingerprint, replayPath, type FairClassKey, type Model } from '../../src/checker/index.js';
import { allEnvelopes, type Envelope } from '../../src/actor/index.js';
import { LEADER_ELECTED, raftElectionChart, raftElectionModel, RaftElectionModel, type RaftElectionAction } from '../../src/examples/raft-election.js';
import type { RaftMsg, RaftState } from '../../src/examples/raft.js';
import { BackgroundCheck } from '../../src/explorer/index.js';
import { pageView } from '../../src/explorer/page-view.js';
import { ExplorerSession } from '../../src/explorer/session.js';

const key = (k: FairClassKey) => JSON.stringify(k);

/** The classes whose actions lead somewhere from `s`: weak ones, and strong ones (as `{ strong }` keys). */
function enabledClasses(model: Model<RaftState, RaftElectionAction>, s: RaftState): Set<string> {
  const actions: RaftElectionAction[] = [];
  model.actions(s, actions);
  const out = new Set<string>();
  for (const a of actions) {
    const c = model.fairClass!(a);
    if (c !== undefined && model.nextState(s, a) !== undefined) out.add(key(c));
  }
  return out;
}

/** The definition of a fair cycle, applied to the states and actions of one. */
function cycleIsFair(model: Model<RaftState, RaftElectionAction>, states: readonly RaftState[], actions: readonly RaftElectionAction[]): boolean {
  const taken = new Set(actions.flatMap((a) => (model.fairClass!(a) === undefined ? [] : [key(model.fairClass!(a)!)])));
  const enabled = states.map((s) => enabledClasses(model, s));
  const every = [...enabled[0]].filter((c) => enabled.every((e) => e.has(c)));
  const some = new Set(enabled.flatMap((e) => [...e]));
  const weakOk = every.every((c) => taken.has(c));
  const strongOk = [...some].filter((c) => c.startsWith('{"strong"')).every((c) => taken.has(c));
  return weakOk && strongOk;
}

describe('Raft: eventually a leader is elected', () => {
  it('fails with election timeouts in lock-step: a fair lasso of split votes, every timer firing in each round, that replays on the model', () => {
    const model = raftElectionModel({ servers: 3, timeouts: 'lockstep' });
    const r = check(model);
    expect(r.verdict(LEADER_ELECTED)).toBe('fails');
    const path = r.discovery(LEADER_ELECTED)!;
    const start = r.cycleStart(LEADER_ELECTED)!;
    expect(start).toBeDefined();
    // Every step replays on the model, and the path closes its cycle.
    const again = replayPath(model, path.indices);
    expect(again.states.map((s) => fingerprint(s))).toEqual(path.states.map((s) => fingerprint(s)));
    expect(fingerprint(again.lastState)).toBe(fingerprint(again.states[start]));
    const cycleStates = again.states.slice(start, -1);
    const cycleActions = again.actions.slice(start);
    expect(cycleIsFair(model, cycleStates, cycleActions)).toBe(true);
    // No leader anywhere on it; in the cycle all three election timers fire together and every vote is refused.
    expect(again.states.every((s) => s.actorStates.every((node) => node.role !== 'Leader'))).toBe(true);
    const elections = cycleActions.filter((a) => a.kind === 'electionTimeouts');
    expect(elections).toEqual([{ kind: 'electionTimeouts', ids: [0, 1, 2] }]);
    const replies = cycleActions.flatMap((a) => (a.kind === 'deliver' && a.msg.type === 'VoteResponse' ? [a.msg.granted] : []));
    expect(replies).toEqual([false, false, false, false, false, false]);
    expect(r.report()).toContain('ElectionTimeout(Id(0), Id(1), Id(2)) together');
    // The sequence chart has the path's steps: an election is the three timeouts at its one step.
    const chart = raftElectionChart(model, path, { property: LEADER_ELECTED });
    expect(chart.steps).toBe(path.actions.length);
    const last = path.actions.length;
    expect(chart.events.filter((e) => e.step === last).map((e) => [e.actor, e.label])).toEqual([0, 1, 2].map((id) => [id, 'Timeout(ElectionTimeout)']));
    const requests = chart.arrows.filter((a) => a.message.startsWith('VoteRequest') && a.sentAt === start);
    expect(requests).toHaveLength(6);
    expect(requests.every((a) => a.deliveredAt !== undefined && a.deliveredAt > start && a.deliveredAt < last)).toBe(true);
  });

  it('holds with randomized election timeouts (2 and 3 servers, every state expanded, not bounded)', () => {
    for (const servers of [2, 3]) {
      const r = check(raftElectionModel({ servers, timeouts: 'randomized' }));
      expect(r.verdict(LEADER_ELECTED)).toBe('holds');
      expect(r.verdict('Election Safety')).toBe('holds');
    }
  });

  it('randomized: the strong fairness of a timer firing alone is what elects a leader; without it the votes may split forever', () => {
    const model = raftElectionModel({ servers: 3, timeouts: 'randomized' });
    for (const weaken of ['unfair', 'weak'] as const) {
      const weakened: Model<RaftState, RaftElectionAction> = {
        initStates: () => model.initStates(),
        actions: (s, out) => model.actions(s, out),
        nextState: (s, a) => model.nextState(s, a),
        properties: () => model.properties(),
        fairClass: (a) => {
          const c = model.fairClass(a);
          if (c === undefined || typeof c !== 'object') return c;
          return weaken === 'unfair' ? undefined : c.strong;
        },
      };
      const r = check(weakened);
      expect(r.verdict(LEADER_ELECTED)).toBe('fails');
      const path = r.discovery(LEADER_ELECTED)!;
      const cycle = path.actions.slice(r.cycleStart(LEADER_ELECTED)!);
      expect(cycle.filter((a) => a.kind === 'electionTimeouts').every((a) => a.kind === 'electionTimeouts' && a.ids.length === 3)).toBe(true);
    }
  });

  it('the Explorer draws the lasso on its sequence chart, with the cycle marked, though the model is not an actor model', () => {
    const model = raftElectionModel({ servers: 3, timeouts: 'lockstep' });
    const session = new ExplorerSession(model, { chart: (path, cycleStart) => raftElectionChart(model, path, { cycleStart }) }, { paused: true });
    (session.check as BackgroundCheck<RaftState, RaftElectionAction>).runToEnd();
    const lasso = session.livenessVerdicts()![0]!.lasso!;
    const view = pageView(session, `/${lasso.discovery}`);
    if (typeof view === 'string') throw new Error(view);
    expect(view.cycle).toEqual({ start: 7, property: LEADER_ELECTED });
    expect(view.chart).toContain('cycle starts here (step 7)');
    expect(view.chart).toContain('VoteRequest');
  });

  it('refuses one server and a duplicating network, with a reason', () => {
    expect(() => raftElectionModel({ servers: 1, timeouts: 'randomized' })).toThrow(/at least 2 servers/);
    expect(() => raftElectionModel({ servers: 3, timeouts: 'lockstep', network: 'unordered-duplicating' })).toThrow(/does not duplicate/);
  });
});

describe('Raft election: lowering the terms at quiet states is a bisimulation', () => {
  /** A state with every term (servers' and messages') lowered by the smallest server term: what the shift must preserve. */
  const termFree = (s: RaftState): string => {
    const least = Math.min(...s.actorStates.map((n) => n.currentTerm));
    const msg = (m: RaftMsg): unknown =>
      m.type === 'VoteRequest' ? { ...m, cterm: m.cterm - least } : m.type === 'Broadcast' ? m : { ...m, term: m.term - least };
    const envelopes = allEnvelopes(s.network).map((e: Envelope<RaftMsg>) => ({ ...e, msg: msg(e.msg) }));
    const servers = s.actorStates.map((n) => {
      const shifted = n.copy();
      shifted.currentTerm -= least;
      return shifted.identityValue();
    });
    return JSON.stringify({ servers, envelopes, timers: s.timers });
  };

  it('walks of the model with and without the shift stay in step (fast-check)', () => {
    for (const timeouts of ['lockstep', 'randomized'] as const) {
      const shifted = new RaftElectionModel({ servers: 3, timeouts });
      const plain = new RaftElectionModel({ servers: 3, timeouts, shiftTerms: false });
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 80 }), (choices) => {
          let a = shifted.initStates()[0];
          let b = plain.initStates()[0];
          const actionsA: RaftElectionAction[] = [];
          const actionsB: RaftElectionAction[] = [];
          for (const choice of choices) {
            expect(termFree(a)).toBe(termFree(b));
            actionsA.length = actionsB.length = 0;
            shifted.actions(a, actionsA);
            plain.actions(b, actionsB);
            expect(actionsA.map((x) => shifted.fairClass(x) === undefined)).toEqual(actionsB.map((x) => plain.fairClass(x) === undefined));
            if (actionsA.length === 0) return;
            const i = choice % actionsA.length;
            a = shifted.nextState(a, actionsA[i])!;
            b = plain.nextState(b, actionsB[i])!;
          }
          expect(termFree(a)).toBe(termFree(b));
        }),
        { numRuns: 60 },
      );
    }
  });
});
