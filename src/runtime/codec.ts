/**
 * How messages travel in a datagram. The default is Stateright's: serde's externally tagged JSON,
 * so `{type: 'Put', requestId: 1, value: 'X'}` is `{"Put":[1,"X"]}`, a one-field variant is
 * `{"Get":2}`, a field-less one is `"Name"`, and a protocol's own messages are wrapped as
 * `{"Internal": …}` with named (snake_case) fields, as Rust struct variants are.
 *
 * Decoding checks every field against its shape: a datagram from the network is untrusted, and
 * a handler must never see a message its type does not allow (it could throw, or worse, store a
 * malformed value and fail on every later request).
 */

/** Turns messages into datagram text and back; `decode` throws a {@link CodecError}. */
export interface MessageCodec<Msg> {
  encode(msg: Msg): string;
  decode(text: string): Msg;
}

/** A JSON codec, also usable inside another message (e.g. the ordered reliable link's `Deliver`). */
export interface JsonMessageCodec<Msg> extends MessageCodec<Msg> {
  toJson(msg: Msg): unknown;
  /** Throws a {@link CodecError}. */
  fromJson(value: unknown): Msg;
}

/** `encode`/`decode` for a codec given by its JSON halves. */
export function jsonCodec<Msg>(toJson: (msg: Msg) => unknown, fromJson: (value: unknown) => Msg): JsonMessageCodec<Msg> {
  return {
    toJson,
    fromJson,
    encode: (msg) => JSON.stringify(toJson(msg)),
    decode(text) {
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch {
        throw new CodecError(`not JSON: ${describe(text)}`);
      }
      return fromJson(v);
    },
  };
}

export class CodecError extends Error {}

/** What a field may hold. `id` is an actor id (a non-negative integer up to 2^48). */
export type Shape =
  | 'nat'
  | 'id'
  | 'string'
  | { readonly tuple: readonly Shape[] }
  | { readonly nullable: Shape }
  | { readonly list: Shape };

export interface VariantSchema {
  /** The variant's name, the message's `type`. */
  readonly name: string;
  /** Field names (as in the message objects) and shapes, in declaration order. */
  readonly fields: readonly (readonly [field: string, shape: Shape])[];
  /** `tuple`: positional (`{"Put":[1,"X"]}`); `struct`: named (`{"Prepare":{"ballot":[1,0]}}`). */
  readonly form: 'tuple' | 'struct';
  /** Wrapped in `{"Internal": …}`. */
  readonly internal?: boolean;
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type Tagged = { readonly type: string } & Record<string, unknown>;

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function describe(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function check(shape: Shape, v: unknown, where: string): void {
  const fail = (what: string): never => {
    throw new CodecError(`${where} must be ${what}, got ${describe(v)}`);
  };
  if (shape === 'nat' || shape === 'id') {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= (shape === 'id' ? 2 ** 48 : 2 ** 53)) fail('a non-negative integer');
    return;
  }
  if (shape === 'string') {
    if (typeof v !== 'string') fail('a string');
    return;
  }
  if ('nullable' in shape) {
    if (v !== null) check(shape.nullable, v, where);
    return;
  }
  if (!Array.isArray(v)) return fail('an array');
  const items = v as readonly unknown[];
  if ('list' in shape) items.forEach((x, i) => check(shape.list, x, `${where}[${i}]`));
  else {
    if (items.length !== shape.tuple.length) fail(`an array of ${shape.tuple.length}`);
    shape.tuple.forEach((s, i) => check(s, items[i], `${where}[${i}]`));
  }
}

/** A codec for the messages the schemas describe (their union is `Msg`). */
export function taggedJsonCodec<Msg extends { readonly type: string }>(schemas: readonly VariantSchema[]): JsonMessageCodec<Msg> {
  const byName = new Map(schemas.map((s) => [s.name, s]));
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

  const encodeVariant = (s: VariantSchema, m: Tagged): Json => {
    const values = s.fields.map(([f]) => m[f] as Json);
    if (s.form === 'struct') return { [s.name]: Object.fromEntries(s.fields.map(([f], i) => [snake(f), values[i]])) };
    if (values.length === 0) return s.name;
    return { [s.name]: values.length === 1 ? values[0] : values };
  };

  const decodeVariant = (v: unknown, internal: boolean): Msg => {
    let name: string;
    let body: unknown;
    if (typeof v === 'string') [name, body] = [v, undefined];
    else if (isObject(v) && Object.keys(v).length === 1) [name, body] = Object.entries(v)[0];
    else throw new CodecError(`expected a message such as {"Put":[1,"X"]} or {"Get":2}, got ${describe(v)}`);
    if (!internal && name === 'Internal') return decodeVariant(body, true);
    const s = byName.get(name);
    if (s === undefined || (s.internal ?? false) !== internal) {
      const known = schemas.filter((x) => (x.internal ?? false) === internal).map((x) => x.name);
      throw new CodecError(`unknown ${internal ? 'internal ' : ''}message ${JSON.stringify(name)} (known: ${known.join(', ')}${internal ? '' : ', Internal'})`);
    }
    const out: Record<string, unknown> = { type: name };
    if (s.form === 'struct') {
      if (!isObject(body)) throw new CodecError(`${name} needs an object of fields, got ${describe(body)}`);
      const expected = new Set(s.fields.map(([f]) => snake(f)));
      for (const k of Object.keys(body)) if (!expected.has(k)) throw new CodecError(`${name} has no field ${JSON.stringify(k)}`);
      for (const [f, shape] of s.fields) {
        if (!(snake(f) in body)) throw new CodecError(`${name} lacks its field ${JSON.stringify(snake(f))}`);
        check(shape, body[snake(f)], `${name}.${snake(f)}`);
        out[f] = body[snake(f)];
      }
    } else {
      const values = s.fields.length === 0 ? [] : s.fields.length === 1 ? [body] : body;
      if (s.fields.length === 0 && body !== undefined) throw new CodecError(`${name} carries no fields`);
      if (!Array.isArray(values) || values.length !== s.fields.length) {
        throw new CodecError(`${name} needs [${s.fields.map(([f]) => f).join(', ')}], got ${describe(body)}`);
      }
      s.fields.forEach(([f, shape], i) => {
        check(shape, values[i], `${name}.${f}`);
        out[f] = values[i];
      });
    }
    return out as unknown as Msg;
  };

  return jsonCodec(
    (msg) => {
      const s = byName.get(msg.type);
      if (s === undefined) throw new CodecError(`no wire schema for the message type ${JSON.stringify(msg.type)}`);
      const inner = encodeVariant(s, msg as unknown as Tagged);
      return s.internal ? { Internal: inner } : inner;
    },
    (v) => decodeVariant(v, false),
  );
}

/** Plain `JSON.stringify`/`JSON.parse`, no checks: for actors whose handlers accept any value. */
export function plainJsonCodec<Msg>(): JsonMessageCodec<Msg> {
  return jsonCodec(
    (msg) => msg,
    (v) => v as Msg,
  );
}
