/**
 * Decoding register messages from datagram text: the message schema's codec (TypeBox compiled
 * checks, what servers and clients use) against a decoder written out by hand for the five
 * register messages, each field checked inline, the fastest a checked decoder gets. A million
 * messages (Put, Get, PutOk, GetOk, PutFail in turn) per run; runs alternate between the two.
 */
import { registerMessageSchema } from '../register-models/index.js';
import { median } from './stats.js';

const MESSAGES = 1_000_000;

const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;

/** The register messages, decoded and checked by hand (throws on anything else). */
function handDecode(text: string): { type: string; requestId: number; value?: string } {
  const v = JSON.parse(text) as unknown;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a message');
  const keys = Object.keys(v);
  if (keys.length !== 1) throw new Error('not a message');
  const type = keys[0];
  const body = (v as Record<string, unknown>)[type];
  if (type === 'Put' || type === 'GetOk') {
    if (!Array.isArray(body) || body.length !== 2 || !isNat(body[0]) || typeof body[1] !== 'string') throw new Error(`bad ${type}`);
    return { type, requestId: body[0], value: body[1] };
  }
  if (type === 'Get' || type === 'PutOk' || type === 'PutFail') {
    if (!isNat(body)) throw new Error(`bad ${type}`);
    return { type, requestId: body };
  }
  throw new Error(`unknown message ${type}`);
}

function texts(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 1000; i++) out.push(`{"Put":[${i},"v${i}"]}`, `{"Get":${i}}`, `{"PutOk":${i}}`, `{"GetOk":[${i},"v${i}"]}`, `{"PutFail":${i}}`);
  return out;
}

/** Milliseconds per million decodes, schema codec and hand decoder, `runs` runs each (medians). */
export function decodeBench(runs: number): { schemaMs: number; handMs: number } {
  const input = texts();
  const codec = registerMessageSchema.codec;
  const time = (decode: (t: string) => unknown): number => {
    const started = performance.now();
    let sink = 0;
    for (let i = 0; i < MESSAGES; i++) sink += (decode(input[i % input.length]) as { requestId: number }).requestId;
    if (sink < 0) throw new Error('unreachable');
    return performance.now() - started;
  };
  const schema: number[] = [];
  const hand: number[] = [];
  for (let r = 0; r < runs; r++) {
    schema.push(time((t) => codec.decode(t)));
    hand.push(time(handDecode));
  }
  return { schemaMs: median(schema), handMs: median(hand) };
}
