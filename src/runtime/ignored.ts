/**
 * Messages an actor ignored, kept to be offered again, as the model allows.
 *
 * In the model (on an unordered network) a delivery that leaves the actor's state untouched and
 * emits no command is no transition: the message stays in the network and may be delivered at
 * any later state. A server that ignores a request while busy (a primary waiting for its
 * backups) thus answers it once it is free. A runtime that consumed the datagram would lose it,
 * and the client would time out where the model says it gets an answer. So the runtime keeps
 * each ignored message and offers it again after the actor's state next changes.
 *
 * When to offer again: only after a step that touched the actor's state. Sound because a
 * handler is a function of (id, state, sender, message) alone (the model checker relies on the
 * same): a kept message was a no-op at state S, so it is a no-op again as long as the state is
 * still S. A step that only sent or set timers leaves S as it was. `test/runtime/ignored.test.ts`
 * compares this rule with offering after every step, on random actors (fast-check).
 *
 * Order: oldest first, one pass at a time; a message taken with a state change may make an
 * earlier-refused one welcome, so the passes repeat until one changes nothing. Every repeated
 * pass follows a pass that took a message, so there are at most as many passes as messages.
 * This is one of the orders the model allows (it allows every interleaving of the kept
 * messages with new arrivals).
 *
 * A bound per actor keeps memory finite when an actor ignores a message for good: past it the
 * oldest is dropped (UDP may lose any datagram, so the model with loss allows this too), and the
 * runtime logs it.
 */
import type { Id } from '../actor/index.js';

export interface KeptMessage<Msg> {
  readonly src: Id;
  readonly msg: Msg;
}

/**
 * What one handler call did: nothing (`ignored`); sent or set timers with the state untouched
 * (`output`); touched the state (`touched`); or threw, so that its step was discarded (`failed`).
 */
export type StepResult = 'ignored' | 'output' | 'touched' | 'failed';

/** Default bound on the messages kept per actor. */
export const DEFAULT_MAX_IGNORED = 64;

export class IgnoredMessages<Msg> {
  private kept: KeptMessage<Msg>[] = [];
  private offering = false;

  constructor(readonly limit: number = DEFAULT_MAX_IGNORED) {
    if (!(Number.isInteger(limit) && limit >= 0)) throw new RangeError(`the bound on ignored messages must be a non-negative integer (got ${limit})`);
  }

  get size(): number {
    return this.kept.length;
  }

  /** The kept messages, oldest first. */
  get messages(): readonly KeptMessage<Msg>[] {
    return this.kept;
  }

  /** Keeps an ignored message; returns the oldest one when it had to go to stay within the bound. */
  keep(src: Id, msg: Msg): KeptMessage<Msg> | undefined {
    if (this.limit === 0) return { src, msg };
    this.kept.push({ src, msg });
    return this.kept.length > this.limit ? this.kept.shift() : undefined;
  }

  clear(): void {
    this.kept = [];
  }

  /**
   * After a step of the actor: when it touched the state, offers the kept messages again through
   * `deliver` (which runs the handler and says what it did), oldest first, pass after pass until a
   * pass changes nothing. `taken` hears of each message the actor did not ignore this time. The
   * steps of the offered messages come back here and start no round of their own.
   */
  afterStep(result: StepResult, deliver: (kept: KeptMessage<Msg>) => StepResult, taken?: (kept: KeptMessage<Msg>) => void): void {
    if (result !== 'touched' || this.offering || this.kept.length === 0) return;
    this.offering = true;
    try {
      let again = true;
      while (again) {
        again = false;
        const batch = this.kept;
        this.kept = [];
        for (let i = 0; i < batch.length; i++) {
          const outcome = deliver(batch[i]);
          if (outcome === 'ignored') {
            this.kept.push(batch[i]);
            continue;
          }
          taken?.(batch[i]);
          if (outcome === 'touched') again = true;
        }
      }
    } finally {
      this.offering = false;
    }
  }
}
