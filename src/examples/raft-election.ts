/**
 * Raft's leader election as a liveness question: is a leader eventually elected? The servers are
 * those of the Raft example (raft.ts), with candidates that arm their election timer again when
 * they stand, on a network that neither loses nor duplicates messages, and without crashes. What
 * the model adds is time, in the two ways election timeouts can be set:
 *
 * - `lockstep`: every server has the same election timeout, not randomized. Timers armed together
 *   expire together, so all the armed election timers fire in one step, before any of the
 *   RequestVotes they send is delivered. Each candidate votes for itself, no one gets a majority,
 *   and all stand again together: a livelock.
 * - `randomized`: each server draws its timeout at random. Any set of armed timers may expire
 *   within one message delay of each other and fire in one step (a collision: the votes may
 *   split), or one timer may fire alone: its RequestVotes reach the others before their timers
 *   expire (granting a vote resets the timer) and it wins. A collision has no fairness; firing
 *   alone is strongly fair per server (see `fairClass`).
 *
 * Timing. Raft's liveness rests on broadcastTime ≪ electionTimeout. Here that is: an election
 * timer fires only when no message is in flight, so every RequestVote and every reply of an
 * election is delivered before the next election starts.
 *
 * Why firing alone may be strongly fair. With randomized timeouts, each election round has a
 * probability bounded away from zero that a given server's timer expires first by more than a
 * message delay. A round in which it is possible comes again and again in a behaviour without a
 * leader, so with probability 1 it eventually happens: exactly the strong fairness of the class
 * "server i times out alone" (enabled infinitely often, taken infinitely often). With timeouts
 * that are all equal there is no such probability, and no such action.
 *
 * The election only. The model stops at the first leader (a state with a leader has no actions):
 * whether ◇(some leader) holds depends only on the behaviours up to their first leader, since a
 * state where it holds ends the question, and the states without a leader keep all their actions
 * and so their fairness. Up to the first leader no log has an entry (entries come from a leader).
 *
 * Terms, kept finite (a quotient; the soundness argument). Every election adds one to a term, so
 * the states of a livelock differ in their terms only. At a state where no message is in flight
 * and no server leads, every server's current term is lowered by the smallest of them. Lowering
 * all current terms by one amount is a bisimulation there: the handlers compare terms with each
 * other only (greater, equal) and add one to them; no message is in flight to carry a term; the
 * logs are empty, so the log terms a RequestVote compares (0 for an empty log) are untouched; and
 * "some server leads" and "no two leaders share a term" do not change under it. Fairness is kept
 * too: every cycle of states without a leader contains an election (deliveries and the one
 * replication timeout each server holds only use up what is in flight and armed), so it passes a
 * state with nothing in flight, where no delivery is enabled: no delivery class is enabled all
 * along a cycle, and the classes that are (elections, timers) name no term. So a fair lasso of
 * this model is a fair behaviour of the model without the shift and the other way round, with the
 * same verdicts. test/examples/raft-election.test.ts compares the two step by step on random walks.
 */
import { always, eventually, Path, type FairClassKey, type Model, type Property } from '../checker/index.js';
import { ActorModel, formatActorAction, networkSize, sequenceChart, type ActorAction, type NetworkKind, type SequenceChart } from '../actor/index.js';
import { electionSafety, raftServer, RaftNode, RAFT_VARIANT_ORDER, type RaftMsg, type RaftState, type RaftTimer } from './raft.js';

/** How election timeouts are set: all equal (`lockstep`) or drawn at random (`randomized`). */
export type ElectionTimeouts = 'lockstep' | 'randomized';

export const ELECTION_TIMEOUTS: readonly ElectionTimeouts[] = ['lockstep', 'randomized'];

/** The election timers of `ids` expire within one message delay of each other and fire in one step. */
export interface ElectionTimeoutsAction {
  readonly kind: 'electionTimeouts';
  readonly ids: readonly number[];
}

export type RaftElectionAction = ActorAction<RaftMsg, RaftTimer> | ElectionTimeoutsAction;

export interface RaftElectionOptions {
  readonly servers: number;
  readonly timeouts: ElectionTimeouts;
  /** Default `unordered-nonduplicating`; a duplicating network is refused (a message never leaves it). */
  readonly network?: NetworkKind;
  /** Lower the terms at quiet states (default true). Off only to compare with the unshifted model. */
  readonly shiftTerms?: boolean;
}

export const LEADER_ELECTED = 'a leader is elected';

const ELECTION: RaftTimer = { type: 'ElectionTimeout' };

function hasLeader(s: RaftState): boolean {
  return s.actorStates.some((node) => node.role === 'Leader');
}

export class RaftElectionModel implements Model<RaftState, RaftElectionAction> {
  /** The servers as an actor model: the steps between elections are its steps. */
  readonly actors: ActorModel<RaftNode, RaftMsg, undefined, RaftTimer>;
  readonly timeouts: ElectionTimeouts;
  private readonly shiftTerms: boolean;
  private readonly buffer: ActorAction<RaftMsg, RaftTimer>[] = [];

  constructor(opts: RaftElectionOptions) {
    const n = opts.servers;
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`the Raft election model needs at least 2 servers (got ${n}): a lone candidate here waits for votes that never come`);
    if (opts.network === 'unordered-duplicating') throw new RangeError('the Raft election model needs a network that does not duplicate messages: an election starts when none is in flight');
    this.timeouts = opts.timeouts;
    this.shiftTerms = opts.shiftTerms ?? true;
    this.actors = new ActorModel<RaftNode, RaftMsg, undefined, RaftTimer>({
      actors: Array.from({ length: n }, () => raftServer(n, true)),
      network: opts.network ?? 'unordered-nonduplicating',
      variantOrder: RAFT_VARIANT_ORDER,
      properties: [eventually(LEADER_ELECTED, hasLeader), always('Election Safety', electionSafety)],
    });
  }

  get stateSerializer() {
    return this.actors.stateSerializer;
  }

  initStates(): RaftState[] {
    return this.actors.initStates();
  }

  actions(s: RaftState, out: RaftElectionAction[]): void {
    if (hasLeader(s)) return;
    const own = this.buffer;
    own.length = 0;
    this.actors.actions(s, own);
    for (const a of own) if (!(a.kind === 'timeout' && a.timer.type === 'ElectionTimeout')) out.push(a);
    if (networkSize(s.network) > 0) return;
    const armed: number[] = [];
    s.timers.forEach((timers, id) => {
      if (timers.some((t) => t.type === 'ElectionTimeout')) armed.push(id);
    });
    if (armed.length === 0) return;
    if (this.timeouts === 'lockstep') {
      out.push({ kind: 'electionTimeouts', ids: armed });
      return;
    }
    // Every nonempty set of armed timers, the smaller sets first.
    const sets: number[][] = [];
    for (let mask = 1; mask < 1 << armed.length; mask++) sets.push(armed.filter((_, i) => (mask & (1 << i)) !== 0));
    sets.sort((a, b) => a.length - b.length);
    for (const ids of sets) out.push({ kind: 'electionTimeouts', ids });
  }

  nextState(s: RaftState, a: RaftElectionAction): RaftState | undefined {
    let next: RaftState | undefined = s;
    if (a.kind === 'electionTimeouts') {
      for (const id of a.ids) next = next === undefined ? undefined : this.actors.nextState(next, { kind: 'timeout', id, timer: ELECTION });
    } else {
      next = this.actors.nextState(s, a);
    }
    return next === undefined || !this.shiftTerms ? next : this.lowerTerms(next);
  }

  /** At a quiet state without a leader, every current term lowered by the smallest (see the module comment). */
  private lowerTerms(s: RaftState): RaftState {
    if (networkSize(s.network) > 0 || hasLeader(s)) return s;
    const least = Math.min(...s.actorStates.map((node) => node.currentTerm));
    if (least === 0) return s;
    const actorStates = s.actorStates.map((node) => {
      const lowered = node.copy();
      lowered.currentTerm -= least;
      return lowered;
    });
    const { network, timers, randomChoices, crashed, history, storages } = s;
    return this.actors.stored({ actorStates, network, timers, randomChoices, crashed, history, storages });
  }

  /**
   * Elections: lockstep, one weakly fair class (the timers stay armed, so they eventually fire);
   * randomized, a server's timer firing alone is strongly fair, a collision is not fair. Other
   * actions as the actor model says (deliveries and the replication timers, weakly fair).
   */
  fairClass(a: RaftElectionAction): FairClassKey | undefined {
    if (a.kind !== 'electionTimeouts') return this.actors.fairClass(a);
    if (this.timeouts === 'lockstep') return 'election timeouts';
    return a.ids.length === 1 ? { strong: `election timeout of ${a.ids[0]} alone` } : undefined;
  }

  formatAction(a: RaftElectionAction): string {
    if (a.kind !== 'electionTimeouts') return formatActorAction(a, (m) => this.actors.formatMessage(m));
    const ids = a.ids.map((id) => `Id(${id})`).join(', ');
    return a.ids.length === 1 && this.timeouts === 'randomized' ? `ElectionTimeout(${ids}) alone` : `ElectionTimeout(${ids}) together`;
  }

  formatState(s: RaftState): string {
    return this.actors.formatState(s);
  }

  properties(): Property<RaftState>[] {
    return this.actors.properties();
  }
}

export function raftElectionModel(opts: RaftElectionOptions): RaftElectionModel {
  return new RaftElectionModel(opts);
}

/**
 * The message sequence chart of a path of the election model: each election drawn as the timeouts
 * it is made of, all at its one step, so that steps are the path's steps (and a lasso's cycle
 * start is the path's).
 */
export function raftElectionChart(
  model: RaftElectionModel,
  path: Path<RaftState, RaftElectionAction>,
  options: { readonly property?: string; readonly laneLabel?: (id: number) => string; readonly cycleStart?: number } = {},
): SequenceChart {
  const states: RaftState[] = [path.states[0]];
  const actions: ActorAction<RaftMsg, RaftTimer>[] = [];
  /** The path's step of each of the actor model's steps (index: that step - 1). */
  const stepOf: number[] = [];
  path.actions.forEach((a, i) => {
    const ids = a.kind === 'electionTimeouts' ? a.ids : undefined;
    if (ids === undefined) {
      actions.push(a as ActorAction<RaftMsg, RaftTimer>);
      states.push(path.states[i + 1]);
      stepOf.push(i + 1);
      return;
    }
    let s = path.states[i];
    ids.forEach((id, j) => {
      const timeout = { kind: 'timeout', id, timer: ELECTION } as const;
      actions.push(timeout);
      // The last one reaches the path's state; the others the states between (nothing is in flight to shift then).
      s = j === ids.length - 1 ? path.states[i + 1] : model.actors.nextState(s, timeout)!;
      states.push(s);
      stepOf.push(i + 1);
    });
  });
  const { cycleStart, ...drawn } = options;
  const chart = sequenceChart(model.actors, new Path(path.indices, states, actions), drawn);
  const step = (k: number) => (k === 0 ? 0 : stepOf[k - 1]);
  const at = (k: number | undefined) => (k === undefined ? undefined : step(k));
  return {
    ...chart,
    steps: path.actions.length,
    actionLabels: path.actions.map((a) => model.formatAction(a)),
    arrows: chart.arrows.map((arrow) => ({ ...arrow, sentAt: step(arrow.sentAt), deliveredAt: at(arrow.deliveredAt), droppedAt: at(arrow.droppedAt) })),
    events: chart.events.map((e) => ({ ...e, step: step(e.step) })),
    ...(chart.failingStep === undefined ? {} : { failingStep: step(chart.failingStep) }),
    ...(cycleStart === undefined ? {} : { cycleStart }),
  };
}
