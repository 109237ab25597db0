/**
 * Actors: event handlers that return their new local state and emit commands into an output
 * buffer. Handlers perform no effects themselves; the actor model interprets the commands.
 *
 * "Touched" is explicit: a handler that returns a state (even the same object, or an equal
 * value) has touched its state; returning nothing (`undefined`) leaves it untouched. A delivery
 * that leaves the state untouched and emits no command is a no-op, which unordered networks
 * ignore (no transition). Values are never compared to decide this.
 */

import type { Value } from '../../consistency/value.js';

/** An actor's id: its index in the model's actor list. */
export type Id = number;

/**
 * What a client observed of one of its own operations, in Jepsen's terms: it invoked `f` (with
 * a value, and a key for keyed objects), then the operation completed `ok` (with the value read,
 * if any), `fail`ed (it certainly did not take effect), or ended as `info` (unknown: it may or
 * may not have taken effect, e.g. after a timeout). The model checks the history these events
 * make at every state; a real run writes them as JSON Lines.
 */
export type OperationEvent =
  | { readonly type: 'invoke'; readonly f: string; readonly value: Value; readonly key?: string | number }
  | { readonly type: 'ok'; readonly value: Value }
  | { readonly type: 'fail' }
  | { readonly type: 'info' };

export type Command<Msg, Timer, Random, Storage> =
  | { readonly kind: 'send'; readonly dst: Id; readonly msg: Msg }
  | { readonly kind: 'setTimer'; readonly timer: Timer; readonly duration: readonly [number, number] | undefined }
  | { readonly kind: 'cancelTimer'; readonly timer: Timer }
  | { readonly kind: 'chooseRandom'; readonly key: string; readonly choices: readonly Random[] }
  | { readonly kind: 'save'; readonly storage: Storage }
  | { readonly kind: 'record'; readonly event: OperationEvent };

/** The output buffer handed to every handler; commands are processed in emission order. */
export class Out<Msg, Timer = never, Random = never, Storage = never> {
  readonly commands: Command<Msg, Timer, Random, Storage>[] = [];

  send(dst: Id, msg: Msg): void {
    this.commands.push({ kind: 'send', dst, msg });
  }

  /** One send per recipient, in list order. */
  broadcast(recipients: readonly Id[], msg: Msg): void {
    for (const dst of recipients) this.send(dst, msg);
  }

  /** Arms `timer` (a set: arming an armed timer changes nothing). The duration only matters on a real network. */
  setTimer(timer: Timer, duration?: readonly [minMs: number, maxMs: number]): void {
    this.commands.push({ kind: 'setTimer', timer, duration });
  }

  cancelTimer(timer: Timer): void {
    this.commands.push({ kind: 'cancelTimer', timer });
  }

  /** Offers the checker a choice among `choices` under `key` (replacing earlier choices for the key). */
  chooseRandom(key: string, choices: readonly Random[]): void {
    this.commands.push({ kind: 'chooseRandom', key, choices });
  }

  removeRandom(key: string): void {
    this.chooseRandom(key, []);
  }

  /** Records an event of the client's own operation in the history (see {@link OperationEvent}). */
  record(event: OperationEvent): void {
    this.commands.push({ kind: 'record', event });
  }

  /** Persists `storage`; it survives crashes and is handed to `onStart` on recovery. */
  save(storage: Storage): void {
    this.commands.push({ kind: 'save', storage });
  }
}

/**
 * An actor. `State` must be plain data (see the checker's fingerprint rules) and must not be
 * `undefined`. Handlers must not mutate `state`; return a new value to change it. Handlers must be
 * pure functions of their arguments (no clocks, no `Math.random`, no hidden counters): the actor
 * model runs `onMsg` once per distinct actor state and envelope and reuses the outcome.
 */
export interface Actor<State, Msg, Timer = never, Random = never, Storage = never> {
  /** The initial local state; also called on recovery with the last saved storage. */
  onStart(id: Id, storage: Storage | undefined, out: Out<Msg, Timer, Random, Storage>): State;
  /** Return a state to touch it (counts as a change even if equal); return nothing to leave it. */
  onMsg?(id: Id, state: State, src: Id, msg: Msg, out: Out<Msg, Timer, Random, Storage>): State | void;
  onTimeout?(id: Id, state: State, timer: Timer, out: Out<Msg, Timer, Random, Storage>): State | void;
  onRandom?(id: Id, state: State, choice: Random, out: Out<Msg, Timer, Random, Storage>): State | void;
}

/** ⌊n/2⌋ + 1. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** The ids `0..count-1` without `self`, ascending. */
export function peers(self: Id, count: number): Id[] {
  const out: Id[] = [];
  for (let i = 0; i < count; i++) if (i !== self) out.push(i);
  return out;
}
