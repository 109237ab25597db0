/**
 * Modelling user input with an actor, after Stateright 0.31's `interaction` example. An
 * "external input" actor stands for a person: its timers fire once each, first asking the
 * supervisor to add 3 to a counter, then asking for a report. The supervisor forwards what the
 * input sends to the counter, and marks success when the counter reports at least the threshold.
 *
 * The network is Stateright's default, unordered and duplicating, so the increment can be
 * delivered again and again and the counter grows without bound: the search is bounded by depth
 * (30, as in the Rust example). "success" is an eventually property; a path on which the report
 * is never delivered (a duplicate increment keeps the system busy) is a counterexample only where
 * it ends, so within the depth bound the property holds.
 */
import { eventually } from '../checker/index.js';
import { ActorModel, type Actor, type ActorModelState } from '../actor/index.js';

export type InteractionMsg =
  | { readonly type: 'SupervisorIncrementRequest'; readonly n: number }
  | { readonly type: 'SupervisorReportRequest' }
  | { readonly type: 'CounterReplyCount'; readonly n: number };

export type InputTimer = { readonly type: 'IncrementInput' } | { readonly type: 'ReportInput' };

export interface InputState {
  readonly kind: 'input';
  /** How often a timer fired (only to watch the system evolve in the Explorer). */
  readonly waitCycles: number;
  readonly done: boolean;
}
export interface SupervisorState {
  readonly kind: 'supervisor';
  readonly threshold: number;
  readonly counterAddr: number;
  readonly inputAddr: number;
  readonly success: boolean;
}
export interface CounterState {
  readonly kind: 'counter';
  readonly counter: number;
}
export type InteractionActorState = InputState | SupervisorState | CounterState;

const INPUT = 0;
const SUPERVISOR = 1;
const COUNTER = 2;
const THRESHOLD = 3;

type Act = Actor<InteractionActorState, InteractionMsg, InputTimer>;

const externalInput: Act = {
  onStart(_id, _storage, out) {
    out.setTimer({ type: 'IncrementInput' });
    return { kind: 'input', waitCycles: 0, done: false };
  },
  onMsg(_id, state, _src, msg) {
    if (state.kind === 'input' && msg.type === 'CounterReplyCount' && msg.n >= THRESHOLD) return { ...state, done: true };
  },
  onTimeout(_id, state, timer, out) {
    if (state.kind !== 'input') return;
    if (timer.type === 'IncrementInput') {
      // The report is armed only now, so that it comes after the increment was sent.
      out.setTimer({ type: 'ReportInput' });
      out.send(SUPERVISOR, { type: 'SupervisorIncrementRequest', n: 3 });
    } else {
      out.send(SUPERVISOR, { type: 'SupervisorReportRequest' });
    }
    return { ...state, waitCycles: state.waitCycles + 1 };
  },
};

const supervisor: Act = {
  onStart: () => ({ kind: 'supervisor', threshold: THRESHOLD, counterAddr: COUNTER, inputAddr: INPUT, success: false }),
  onMsg(_id, state, src, msg, out) {
    if (state.kind !== 'supervisor') return;
    if (src === state.inputAddr) {
      out.send(state.counterAddr, msg);
      return;
    }
    // Any other message touches the state (the Rust example assigns it back), success or not.
    return msg.type === 'CounterReplyCount' && msg.n >= state.threshold ? { ...state, success: true } : { ...state };
  },
};

const counter: Act = {
  onStart: () => ({ kind: 'counter', counter: 0 }),
  onMsg(_id, state, src, msg, out) {
    if (state.kind !== 'counter') return;
    if (msg.type === 'SupervisorIncrementRequest') return { ...state, counter: state.counter + msg.n };
    if (msg.type === 'SupervisorReportRequest') out.send(src, { type: 'CounterReplyCount', n: state.counter });
    return { ...state };
  },
};

export type InteractionState = ActorModelState<InteractionActorState, InteractionMsg, number, InputTimer>;

export function interactionModel(): ActorModel<InteractionActorState, InteractionMsg, number, InputTimer> {
  return new ActorModel<InteractionActorState, InteractionMsg, number, InputTimer>({
    actors: [externalInput, supervisor, counter],
    network: 'unordered-duplicating',
    // The Rust example's history is a constant `u8` 0: part of every state, changed by nothing.
    history: 0,
    variantOrder: ['SupervisorIncrementRequest', 'SupervisorReportRequest', 'CounterReplyCount', 'IncrementInput', 'ReportInput'],
    properties: [eventually('success', (s: InteractionState) => s.actorStates.some((a) => a.kind === 'supervisor' && a.success))],
  });
}
