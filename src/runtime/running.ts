/**
 * One running actor's volatile parts in the runtime: its socket, state, armed timers and pending
 * random choices, the messages it ignored, and the backlog of a paused actor. A timer (or random
 * choice) that fires after the actor died does nothing; one that fires while it is paused waits in
 * the backlog, as a stopped process's timers would fire late.
 */
import type { Socket } from 'node:dgram';
import type { IgnoredMessages } from './ignored.js';

export interface Running<State, Msg> {
  socket: Socket;
  state: State;
  readonly timers: Map<string, NodeJS.Timeout>;
  readonly randoms: Map<string, NodeJS.Timeout>;
  readonly ignored: IgnoredMessages<Msg>;
  alive: boolean;
  /**
   * While paused (a process stopped, as by SIGSTOP), what arrives and what fires waits here in
   * order, and runs on resume: the kernel would keep the datagrams in the socket's buffer and the
   * timers would fire late. Bounded like a socket buffer: past the bound, datagrams are lost.
   */
  paused: (() => void)[] | undefined;
}

/** Datagrams (and timer firings) a paused actor keeps for its resume, at most. */
export const PAUSED_BACKLOG = 10_000;

/** Runs `work` now, or on resume when the actor is paused (dropped when the backlog is full). */
export function whenRunning(r: Running<unknown, unknown>, work: () => void): void {
  if (r.paused === undefined) work();
  else if (r.paused.length < PAUSED_BACKLOG) r.paused.push(work);
}

/** Arms `key` in `table` (replacing what was armed under it) to run `work` after `ms`, while the actor lives. */
export function arm(r: Running<unknown, unknown>, table: Map<string, NodeJS.Timeout>, key: string, ms: number, work: () => void): void {
  clearTimeout(table.get(key));
  table.set(
    key,
    setTimeout(() => {
      table.delete(key);
      if (r.alive) whenRunning(r, work);
    }, ms),
  );
}

/** Cancels what is armed under `key`. */
export function disarm(table: Map<string, NodeJS.Timeout>, key: string): void {
  clearTimeout(table.get(key));
  table.delete(key);
}
