/**
 * Networks as immutable values. Contents are kept as arrays sorted by the model's total order
 * (envelopes by ⟨src, dst, msg⟩), a canonical form: equal networks are equal arrays, so states
 * fingerprint structurally, and deliverable envelopes come out already in action order.
 * (Immutable's Set would compare plain-object messages by reference, not by value.)
 */
import { compareValues, type Comparator } from './compare.js';
import type { Id } from './actor.js';

export interface Envelope<Msg> {
  readonly src: Id;
  readonly dst: Id;
  readonly msg: Msg;
}

export type NetworkKind = 'unordered-duplicating' | 'unordered-nonduplicating' | 'ordered';

export interface Flow<Msg> {
  readonly src: Id;
  readonly dst: Id;
  /** FIFO, head first; never empty. */
  readonly msgs: readonly Msg[];
}

export type Network<Msg> =
  /** A set of envelopes; a delivered envelope stays deliverable. */
  | {
      readonly kind: 'unordered-duplicating';
      readonly envelopes: readonly Envelope<Msg>[];
      readonly lastDelivered: Envelope<Msg> | null;
    }
  /** A multiset: sorted, with one entry per copy. */
  | { readonly kind: 'unordered-nonduplicating'; readonly envelopes: readonly Envelope<Msg>[] }
  /** One FIFO flow per ⟨src, dst⟩, sorted by ⟨src, dst⟩. */
  | { readonly kind: 'ordered'; readonly flows: readonly Flow<Msg>[] };

export function envelopeComparator<Msg>(cmp: Comparator): (a: Envelope<Msg>, b: Envelope<Msg>) => number {
  return (a, b) => a.src - b.src || a.dst - b.dst || cmp(a.msg, b.msg);
}

export function emptyNetwork<Msg>(kind: NetworkKind): Network<Msg> {
  if (kind === 'unordered-duplicating') return { kind, envelopes: [], lastDelivered: null };
  if (kind === 'unordered-nonduplicating') return { kind, envelopes: [] };
  return { kind, flows: [] };
}

/** Deliverable envelopes, each distinct one once, sorted by ⟨src, dst, msg⟩ (flow heads on ordered networks). */
export function deliverable<Msg>(net: Network<Msg>): Envelope<Msg>[] {
  switch (net.kind) {
    case 'unordered-duplicating':
      return [...net.envelopes];
    case 'unordered-nonduplicating': {
      // Copies of one envelope are adjacent in the sorted multiset. Structural comparison, not
      // fingerprints: hashing every neighbour pair cost a fifth of a Paxos check.
      const out: Envelope<Msg>[] = [];
      for (const e of net.envelopes) {
        const last = out.length === 0 ? undefined : out[out.length - 1];
        if (last === undefined || last.src !== e.src || last.dst !== e.dst || compareValues(last.msg, e.msg) !== 0) out.push(e);
      }
      return out;
    }
    case 'ordered':
      return net.flows.map((f) => ({ src: f.src, dst: f.dst, msg: f.msgs[0] }));
  }
}

/** Every message in the network, with multiplicity (queued messages included). */
export function allEnvelopes<Msg>(net: Network<Msg>): Envelope<Msg>[] {
  if (net.kind !== 'ordered') return [...net.envelopes];
  return net.flows.flatMap((f) => f.msgs.map((msg) => ({ src: f.src, dst: f.dst, msg })));
}

export function networkSize<Msg>(net: Network<Msg>): number {
  if (net.kind !== 'ordered') return net.envelopes.length;
  return net.flows.reduce((n, f) => n + f.msgs.length, 0);
}

/** Binary search: index of the first element not less than `x`. */
export function lowerBound<T>(xs: readonly T[], x: T, cmp: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(xs[mid], x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `xs[i]` equals `x`. (Not returned with the index: a pair per send was measurable garbage.) */
export function foundAt<T>(xs: readonly T[], i: number, x: T, cmp: (a: T, b: T) => number): boolean {
  return i < xs.length && cmp(xs[i], x) === 0;
}

// Exact-size copies: networks wait in the checker's queue by the million, and an array grown
// by push keeps spare capacity (about doubling a small network's size).
function insertAt<T>(xs: readonly T[], i: number, x: T): T[] {
  const out = new Array<T>(xs.length + 1);
  for (let j = 0; j < i; j++) out[j] = xs[j];
  out[i] = x;
  for (let j = i; j < xs.length; j++) out[j + 1] = xs[j];
  return out;
}

function removeAt<T>(xs: readonly T[], i: number): T[] {
  const out = new Array<T>(xs.length - 1);
  for (let j = 0; j < i; j++) out[j] = xs[j];
  for (let j = i + 1; j < xs.length; j++) out[j - 1] = xs[j];
  return out;
}

/**
 * The sorted list `xs` without its element at `removed` (-1: none) and with `added` (sorted
 * itself) merged in: one exact-size copy for a whole step's worth of changes.
 */
export function spliceSorted<T>(xs: readonly T[], removed: number, added: readonly T[], cmp: (a: T, b: T) => number): T[] {
  const out = new Array<T>(xs.length - (removed >= 0 ? 1 : 0) + added.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    while (j < added.length && cmp(added[j], x) < 0) out[k++] = added[j++];
    if (i !== removed) out[k++] = x;
  }
  while (j < added.length) out[k++] = added[j++];
  return out;
}

/**
 * Where `env` is in a sorted envelope list, or -1. A delivered envelope usually carries the very
 * message object that is in the network, so an identity scan finds it without the structural
 * comparisons of a binary search; any equal copy will do (copies are equal values).
 */
export function indexOfEnvelope<Msg>(xs: readonly Envelope<Msg>[], env: Envelope<Msg>, cmp: (a: Envelope<Msg>, b: Envelope<Msg>) => number): number {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x.msg === env.msg && x.src === env.src && x.dst === env.dst) return i;
  }
  const i = lowerBound(xs, env, cmp);
  return foundAt(xs, i, env, cmp) ? i : -1;
}

export function send<Msg>(net: Network<Msg>, env: Envelope<Msg>, cmp: (a: Envelope<Msg>, b: Envelope<Msg>) => number): Network<Msg> {
  switch (net.kind) {
    case 'unordered-duplicating': {
      const i = lowerBound(net.envelopes, env, cmp);
      return foundAt(net.envelopes, i, env, cmp) ? net : { ...net, envelopes: insertAt(net.envelopes, i, env) };
    }
    case 'unordered-nonduplicating': {
      const i = lowerBound(net.envelopes, env, cmp);
      return { ...net, envelopes: insertAt(net.envelopes, i, env) };
    }
    case 'ordered': {
      const i = net.flows.findIndex((f) => f.src === env.src && f.dst === env.dst);
      if (i >= 0) {
        const flows = net.flows.slice();
        flows[i] = { ...flows[i], msgs: [...flows[i].msgs, env.msg] };
        return { ...net, flows };
      }
      const at = net.flows.findIndex((f) => f.src > env.src || (f.src === env.src && f.dst > env.dst));
      const flow = { src: env.src, dst: env.dst, msgs: [env.msg] };
      return { ...net, flows: insertAt(net.flows, at < 0 ? net.flows.length : at, flow) };
    }
  }
}

function removeOne<Msg>(net: Network<Msg>, env: Envelope<Msg>, cmp: (a: Envelope<Msg>, b: Envelope<Msg>) => number): Network<Msg> {
  switch (net.kind) {
    case 'unordered-duplicating':
    case 'unordered-nonduplicating': {
      const i = indexOfEnvelope(net.envelopes, env, cmp);
      if (i < 0) return net;
      return { ...net, envelopes: removeAt(net.envelopes, i) };
    }
    case 'ordered': {
      const i = net.flows.findIndex((f) => f.src === env.src && f.dst === env.dst);
      if (i < 0) return net;
      const flow = net.flows[i];
      if (flow.msgs.length === 1) return { ...net, flows: removeAt(net.flows, i) };
      const flows = net.flows.slice();
      flows[i] = { ...flow, msgs: flow.msgs.slice(1) };
      return { ...net, flows };
    }
  }
}

/** Delivery: duplicating networks keep the envelope and remember it as `lastDelivered`. */
export function onDeliver<Msg>(net: Network<Msg>, env: Envelope<Msg>, cmp: (a: Envelope<Msg>, b: Envelope<Msg>) => number): Network<Msg> {
  if (net.kind === 'unordered-duplicating') return { ...net, lastDelivered: env };
  return removeOne(net, env, cmp);
}

/** Drop: the envelope (one copy, or the flow head) is lost for good. */
export function onDrop<Msg>(net: Network<Msg>, env: Envelope<Msg>, cmp: (a: Envelope<Msg>, b: Envelope<Msg>) => number): Network<Msg> {
  return removeOne(net, env, cmp);
}
