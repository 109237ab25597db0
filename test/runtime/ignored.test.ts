/**
 * Messages an actor ignores stay in the network in the model; the runtime keeps them and offers
 * them again after the actor's state changes. The same scenario in the model and over UDP ends
 * the same way; the bound drops the oldest and logs it; and offering only after a state change is
 * the same as offering after every step (fast-check, against a brute-force runtime).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActorModel, type Actor } from '../../src/actor/index.js';
import { spawn, type RuntimeEvent } from '../../src/runtime/index.js';
import { IgnoredMessages, type KeptMessage, type StepResult } from '../../src/runtime/ignored.js';

type Msg = { readonly type: 'Work'; readonly n: number } | { readonly type: 'Done'; readonly n: number };
type Timer = 'finish';
/** The worker's state: the job it is on (and for whom), or null when free. The client's: the jobs done. */
type State = { readonly job: { readonly n: number; readonly client: number } | null } | { readonly done: readonly number[] };

/** Takes one job at a time; a job takes a while (a timer). A job that comes while it is busy is ignored. */
const worker: Actor<State, Msg, Timer> = {
  onStart: () => ({ job: null }),
  onMsg(_id, state, src, msg, out) {
    if (msg.type !== 'Work' || !('job' in state) || state.job !== null) return; // busy: ignored
    out.setTimer('finish', [20, 20]);
    return { job: { n: msg.n, client: src } };
  },
  onTimeout(_id, state, _timer, out) {
    if (!('job' in state) || state.job === null) return;
    out.send(state.job.client, { type: 'Done', n: state.job.n });
    return { job: null };
  },
};

/** Sends every job at once when it starts, and notes each one done. */
const client = (jobs: readonly number[]): Actor<State, Msg, Timer> => ({
  onStart(_id, _storage, out) {
    for (const n of jobs) out.send(0, { type: 'Work', n });
    return { done: [] };
  },
  onMsg: (_id, state, _src, msg) => (msg.type === 'Done' && 'done' in state ? { done: [...state.done, msg.n] } : undefined),
});

const doneOf = (state: State | undefined): number[] => (state !== undefined && 'done' in state ? [...state.done].sort((a, b) => a - b) : []);

/** Every final state of the model (no action left): the client's jobs done, each list once. */
function modelOutcomes(jobs: readonly number[]): number[][] {
  const model = new ActorModel<State, Msg, Timer>({ actors: [worker, client(jobs)], network: 'unordered-nonduplicating', properties: [] });
  const seen = new Set<string>();
  const outcomes = new Map<string, number[]>();
  const stack = model.initStates();
  while (stack.length > 0) {
    const s = stack.pop()!;
    const actions: Parameters<typeof model.nextState>[1][] = [];
    model.actions(s, actions);
    let moved = false;
    for (const a of actions) {
      const next = model.nextState(s, a);
      if (next === undefined) continue;
      moved = true;
      const key = JSON.stringify([next.actorStates, next.network]);
      if (!seen.has(key)) {
        seen.add(key);
        stack.push(next);
      }
    }
    if (!moved) {
      const done = doneOf(s.actorStates[1]);
      outcomes.set(JSON.stringify(done), done);
    }
  }
  return [...outcomes.values()];
}

/** The same actors over UDP: the jobs the client has done once it has all of them, or after a bounded wait. */
async function udpOutcome(jobs: readonly number[], maxIgnored?: number): Promise<{ done: number[]; events: RuntimeEvent[] }> {
  const events: RuntimeEvent[] = [];
  const addresses = [0, 1].map(() => ({ host: '127.0.0.1', port: 0 }));
  const runtime = await spawn<State, Msg, Timer>(
    [
      { id: 0, actor: worker },
      { id: 1, actor: client(jobs) },
    ],
    { addressBook: addresses, log: (e) => events.push(e), maxIgnored },
  );
  try {
    const deadline = Date.now() + 3000;
    let last = '';
    let stableSince = Date.now();
    // Done when every job is in, or when nothing has changed for 300 ms (well past a job's 20 ms).
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const now = JSON.stringify(doneOf(runtime.state(1)));
      if (now !== last) [last, stableSince] = [now, Date.now()];
      if (doneOf(runtime.state(1)).length === jobs.length || Date.now() - stableSince > 300) break;
    }
    return { done: doneOf(runtime.state(1)), events };
  } finally {
    await runtime.stop();
  }
}

describe('ignored messages', () => {
  it('a job sent to a busy worker: done in the model, and done over UDP', async () => {
    expect(modelOutcomes([1, 2])).toEqual([[1, 2]]);
    const { done, events } = await udpOutcome([1, 2]);
    expect(done).toEqual([1, 2]);
    expect(events.some((e) => e.event === 'ignored')).toBe(true);
    expect(events.some((e) => e.event === 'redeliver')).toBe(true);
  }, 10_000);

  it('past the bound the oldest kept message is dropped and logged', async () => {
    // Jobs 2 and 3 come while job 1 runs; with room for one, job 2 goes.
    const { done, events } = await udpOutcome([1, 2, 3], 1);
    expect(done).toEqual([1, 3]);
    const drops = events.filter((e) => e.event === 'drop-ignored');
    expect(drops).toEqual([expect.objectContaining({ event: 'drop-ignored', msg: { type: 'Work', n: 2 }, limit: 1 })]);
  }, 10_000);

  it('the bound is a non-negative integer', () => {
    expect(() => new IgnoredMessages(-1)).toThrow(/non-negative integer/);
  });
});

/**
 * A random actor over small numbers: `table[state][msg]` says what a message does (`null`: ignored;
 * else the next state, or -1 for "sends only"), and `ticks[state]` what a tick of a timer does.
 */
interface TableActor {
  readonly table: readonly (readonly (number | null)[])[];
  readonly ticks: readonly (number | null)[];
}

type Event = { readonly kind: 'msg'; readonly msg: number } | { readonly kind: 'tick' };

/** What a handler call did to `state`, per the table: the result and the state after. */
function apply(outcome: number | null, state: number): [StepResult, number] {
  if (outcome === null) return ['ignored', state];
  if (outcome === -1) return ['output', state];
  return ['touched', outcome];
}

/** The runtime's rule: IgnoredMessages, offered after each step. The trace lists (msg, state) for each message taken. */
function withRule(actor: TableActor, events: readonly Event[]): { state: number; trace: string[]; kept: number[] } {
  let state = 0;
  const trace: string[] = [];
  const kept = new IgnoredMessages<number>(1000);
  const deliver = ({ msg }: KeptMessage<number>): StepResult => {
    const [result, next] = apply(actor.table[state][msg], state);
    if (result !== 'ignored') trace.push(`${msg}@${state}`);
    state = next;
    kept.afterStep(result, deliver);
    return result;
  };
  for (const e of events) {
    if (e.kind === 'msg') {
      if (deliver({ src: 0, msg: e.msg }) === 'ignored') kept.keep(0, e.msg);
    } else {
      const [result, next] = apply(actor.ticks[state], state);
      state = next;
      kept.afterStep(result, deliver);
    }
  }
  return { state, trace, kept: kept.messages.map((k) => k.msg) };
}

/**
 * Brute force: after every step of any kind, offer every kept message, oldest first, in passes
 * that repeat until one takes nothing. It differs from the rule in when it offers (always) and
 * when it passes again (after any message taken).
 */
function bruteForce(actor: TableActor, events: readonly Event[]): { state: number; trace: string[]; kept: number[] } {
  let state = 0;
  const trace: string[] = [];
  let kept: number[] = [];
  const settle = (): void => {
    for (let again = true; again; ) {
      again = false;
      const batch = kept;
      kept = [];
      for (const msg of batch) {
        const [result, next] = apply(actor.table[state][msg], state);
        if (result === 'ignored') {
          kept.push(msg);
          continue;
        }
        trace.push(`${msg}@${state}`);
        state = next;
        again = true;
      }
    }
  };
  for (const e of events) {
    if (e.kind === 'msg') {
      const [result, next] = apply(actor.table[state][e.msg], state);
      if (result === 'ignored') kept.push(e.msg);
      else trace.push(`${e.msg}@${state}`);
      state = next;
    } else {
      state = apply(actor.ticks[state], state)[1];
    }
    settle();
  }
  return { state, trace, kept };
}

describe('offering kept messages only after a state change', () => {
  const STATES = 4;
  const MSGS = 3;
  const outcome = fc.oneof(fc.constant(null), fc.constant(-1), fc.integer({ min: 0, max: STATES - 1 }));
  const actorArb = fc.record({
    table: fc.array(fc.array(outcome, { minLength: MSGS, maxLength: MSGS }), { minLength: STATES, maxLength: STATES }),
    ticks: fc.array(outcome, { minLength: STATES, maxLength: STATES }),
  });
  const eventArb = fc.oneof(fc.record({ kind: fc.constant('msg' as const), msg: fc.integer({ min: 0, max: MSGS - 1 }) }), fc.constant({ kind: 'tick' as const }));

  it('takes the same messages at the same states as offering after every step', () => {
    fc.assert(
      fc.property(actorArb, fc.array(eventArb, { maxLength: 30 }), (actor, events) => {
        expect(withRule(actor, events)).toEqual(bruteForce(actor, events));
      }),
      { numRuns: 2000 },
    );
  });
});
