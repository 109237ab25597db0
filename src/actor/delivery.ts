/**
 * The parts of a delivery that do not depend on the model: running the handler once (the outcome
 * is memoised by the caller), and each kind of network after the delivery, with its hash sum
 * adjusted for the envelopes that left and arrived.
 */
import { Out, type Actor, type Command, type Id } from './actor.js';
import type { Canon, Delivery, InternedEnvelope } from './canonical.js';
import { foundAt, lowerBound, spliceSorted, type Envelope, type Network } from './network.js';
import { HashedFlow, findFlow, replaceFlow } from './ordered-flows.js';
import type { ComponentHashes } from './system-state.js';

type EnvelopeOrder<Msg> = (a: Envelope<Msg>, b: Envelope<Msg>) => number;

/** Runs `actor`'s message handler on `state` and interns what it produced. */
export function runHandler<State, Msg, Timer, Random, Storage>(
  actor: Actor<State, Msg, Timer, Random, Storage>,
  dst: Id,
  state: State,
  env: Envelope<Msg>,
  canon: Canon<State, Msg, Timer, Random, Storage>,
  order: EnvelopeOrder<Msg>,
): Delivery<State, Msg, Timer, Random, Storage> {
  const out = new Out<Msg, Timer, Random, Storage>();
  const next = actor.onMsg?.(dst, state, env.src, env.msg, out);
  const sends: InternedEnvelope<Msg>[] = [];
  const others: Command<Msg, Timer, Random, Storage>[] = [];
  let sentLo = 0;
  let sentHi = 0;
  for (const c of out.commands) {
    if (c.kind !== 'send') {
      others.push(c);
      continue;
    }
    const e = canon.envelope({ src: dst, dst: c.dst, msg: c.msg });
    sends.push(e);
    sentLo = (sentLo + e.lo) | 0;
    sentHi = (sentHi + e.hi) | 0;
  }
  const sorted = sends.map((e) => e.value).sort(order);
  return { next: next === undefined ? undefined : canon.actorState(next as State), sends, others, sorted, sentLo, sentHi };
}

/** A non-duplicating network after a delivery: the envelope at `at` leaves, the sends arrive. */
export function multisetAfter<State, Msg, Timer, Random, Storage>(
  net: Extract<Network<Msg>, { kind: 'unordered-nonduplicating' }>,
  at: number,
  outcome: Delivery<State, Msg, Timer, Random, Storage>,
  delivered: InternedEnvelope<Msg>,
  order: EnvelopeOrder<Msg>,
  h: ComponentHashes,
): Network<Msg> {
  h.networkLo = (h.networkLo + outcome.sentLo - delivered.lo) | 0;
  h.networkHi = (h.networkHi + outcome.sentHi - delivered.hi) | 0;
  return { kind: net.kind, envelopes: spliceSorted(net.envelopes, at, outcome.sorted, order) };
}

/** A duplicating network (a set) after a delivery: the envelope stays, sends not yet in it arrive. */
export function duplicatingAfter<State, Msg, Timer, Random, Storage>(
  net: Extract<Network<Msg>, { kind: 'unordered-duplicating' }>,
  outcome: Delivery<State, Msg, Timer, Random, Storage>,
  delivered: Envelope<Msg>,
  order: EnvelopeOrder<Msg>,
  h: ComponentHashes,
): Network<Msg> {
  const envs = net.envelopes;
  const fresh: Envelope<Msg>[] = [];
  for (const e of outcome.sends) {
    const v = e.value;
    if (foundAt(envs, lowerBound(envs, v, order), v, order) || fresh.includes(v)) continue;
    fresh.push(v);
    h.networkLo = (h.networkLo + e.lo) | 0;
    h.networkHi = (h.networkHi + e.hi) | 0;
  }
  const envelopes = fresh.length === 0 ? envs : spliceSorted(envs, -1, fresh.sort(order), order);
  return { kind: net.kind, envelopes, lastDelivered: delivered };
}

/** An ordered network after a delivery: `flow`'s head leaves, each send joins the end of its flow. */
export function orderedAfter<Msg>(
  flows: readonly HashedFlow<Msg>[],
  flow: HashedFlow<Msg>,
  dst: Id,
  sends: readonly InternedEnvelope<Msg>[],
  h: ComponentHashes,
): Network<Msg> {
  const next = flows.slice();
  replaceFlow(next, flow.src, flow.dst, flow.popped(), h);
  for (let i = 0; i < sends.length; i++) {
    const e = sends[i];
    const to = e.value.dst;
    const queue = findFlow(next, dst, to);
    replaceFlow(next, dst, to, queue === undefined ? HashedFlow.of(dst, to, [e]) : queue.pushed(e), h);
  }
  return { kind: 'ordered', flows: next };
}
