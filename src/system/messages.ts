/**
 * Message schemas: one declaration gives a protocol's message type, the check that an untrusted
 * datagram holds such a message, and its wire form.
 *
 * Fields are TypeBox schemas (JSON Schema values with static types), checked by TypeBox's compiled
 * validators: of zod 4, valibot and TypeBox, it decoded register messages fastest (docs/own-protocol.md
 * gives the measurements). Any TypeBox schema can describe a field: booleans, nested objects, lists,
 * maps (`Type.Record`), nullable fields ({@link nullable}) and tagged unions (`Type.Union` of
 * objects with a literal tag).
 *
 * The wire form is Stateright's (serde's externally tagged JSON): a message `{type: 'Put',
 * requestId: 1, value: 'X'}` declared {@link positional} is `{"Put":[1,"X"]}`, a one-field one
 * `{"Get":2}`, a field-less one `"Name"`; one declared {@link named} is `{"Name":{"field":…}}`; and
 * an `internal` variant is wrapped as `{"Internal": …}` with snake_case field names, as Stateright's
 * register protocols put their peer messages on the wire.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { CodecError, jsonCodec, type JsonMessageCodec } from '../runtime/codec.js';

/** A variant's fields by name, in declaration order (the order of the wire's positional form). */
export type Fields = { readonly [field: string]: TSchema };

export interface Variant<F extends Fields = Fields> {
  readonly fields: F;
  /** `positional`: `{"Put":[1,"X"]}`; `named`: `{"Put":{"requestId":1,"value":"X"}}`. */
  readonly wire: 'positional' | 'named';
  /** Wrapped in `{"Internal": …}`, with snake_case field names (Stateright's register protocols). */
  readonly internal: boolean;
}

/** A variant whose fields travel as an array in declaration order (one field: the bare value). */
export const positional = <F extends Fields>(fields: F): Variant<F> => ({ fields, wire: 'positional', internal: false });

/** A variant whose fields travel as an object, under their own names. */
export const named = <F extends Fields>(fields: F): Variant<F> => ({ fields, wire: 'named', internal: false });

/** A register protocol's peer message: `{"Internal":{"Prepare":{"ballot":[1,0]}}}`. */
export const internal = <F extends Fields>(fields: F): Variant<F> => ({ fields, wire: 'named', internal: true });

/** Variants by message `type`, in declaration order (the order model checkers sort actions by). */
export type Variants = { readonly [type: string]: Variant };

/** Messages are values the checker hashes and handlers must not change: readonly all the way down. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly unknown[] | object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

type FieldValues<F extends Fields> = { [K in keyof F]: Static<F[K]> };

/** The message type a set of variants declares: a union of `{type, ...fields}` objects. */
export type MessageOf<V extends Variants> = {
  [K in keyof V & string]: DeepReadonly<{ type: K } & FieldValues<V[K]['fields']>>;
}[keyof V & string];

/** The message type a schema declares: `type Msg = MessageType<typeof schema>`. */
export type MessageType<S> = S extends MessageSchema<infer M> ? M : never;

/** A non-negative integer (a request id, a round, a count). */
export const nat = () => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** An actor id: a non-negative integer below 2^48 (a real network's ids encode socket addresses). */
export const actorId = () => Type.Integer({ minimum: 0, maximum: 2 ** 48 - 1 });

/** `schema` or null. */
export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

type Tagged = { readonly type: string } & { readonly [field: string]: unknown };

interface CompiledVariant {
  readonly name: string;
  readonly variant: Variant;
  /** Field names as in the message objects, and as on the wire. */
  readonly names: readonly string[];
  readonly wireNames: readonly string[];
  /** Checks the whole wire body at once (the fast path); per-field checks explain a failure. */
  readonly body: TypeCheck<TSchema> | undefined;
  readonly fieldChecks: readonly TypeCheck<TSchema>[];
}

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function describe(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function compile(name: string, variant: Variant): CompiledVariant {
  const names = Object.keys(variant.fields);
  const wireNames = variant.internal ? names.map(snake) : names;
  const schemas = names.map((n) => variant.fields[n]);
  let body: TSchema | undefined;
  if (variant.wire === 'named') {
    body = Type.Object(Object.fromEntries(wireNames.map((w, i) => [w, schemas[i]])), { additionalProperties: false });
  } else if (names.length === 1) body = schemas[0];
  else if (names.length > 1) body = Type.Tuple(schemas);
  return {
    name,
    variant,
    names,
    wireNames,
    body: body === undefined ? undefined : TypeCompiler.Compile(body),
    fieldChecks: schemas.map((s) => TypeCompiler.Compile(s)),
  };
}

/** A protocol's messages: their type (`MessageSchema<Msg>`), declaration order and wire codec. */
export class MessageSchema<Msg extends { readonly type: string }> {
  /** Message types in declaration order. */
  readonly variantOrder: readonly string[];
  readonly codec: JsonMessageCodec<Msg>;
  private readonly byName: ReadonlyMap<string, CompiledVariant>;

  constructor(readonly variants: Variants) {
    const compiled = Object.entries(variants).map(([name, v]) => compile(name, v));
    if (compiled.some((c) => c.name === 'Internal')) throw new RangeError('"Internal" names the wrapper of internal messages; choose another message name');
    this.variantOrder = compiled.map((c) => c.name);
    this.byName = new Map(compiled.map((c) => [c.name, c]));
    this.codec = jsonCodec<Msg>(
      (msg) => this.toJson(msg as unknown as Tagged),
      (value) => this.fromJson(value, false) as unknown as Msg,
    );
  }

  /** This schema's variants followed by `other`'s (e.g. a protocol's peer messages, then the register messages). */
  with<Other extends { readonly type: string }>(other: MessageSchema<Other>): MessageSchema<Msg | Other> {
    for (const name of other.variantOrder) if (name in this.variants) throw new RangeError(`message ${JSON.stringify(name)} is declared twice`);
    return new MessageSchema<Msg | Other>({ ...this.variants, ...other.variants });
  }

  private toJson(m: Tagged): unknown {
    const c = this.byName.get(m.type);
    if (c === undefined) throw new CodecError(`no wire schema for the message type ${JSON.stringify(m.type)}`);
    let inner: unknown;
    if (c.variant.wire === 'named') {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < c.names.length; i++) o[c.wireNames[i]] = m[c.names[i]];
      inner = { [c.name]: o };
    } else if (c.names.length === 0) inner = c.name;
    else if (c.names.length === 1) inner = { [c.name]: m[c.names[0]] };
    else inner = { [c.name]: c.names.map((n) => m[n]) };
    return c.variant.internal ? { Internal: inner } : inner;
  }

  private fromJson(v: unknown, inInternal: boolean): Tagged {
    let name: string | undefined;
    let body: unknown;
    if (typeof v === 'string') name = v;
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      let keys = 0;
      for (const k in v) {
        if (++keys > 1) break;
        name = k;
      }
      if (keys !== 1) name = undefined;
      else body = (v as Record<string, unknown>)[name!];
    }
    if (name === undefined) throw new CodecError(`expected a message such as {"Put":[1,"X"]} or {"Get":2}, got ${describe(v)}`);
    if (!inInternal && name === 'Internal') return this.fromJson(body, true);
    const c = this.byName.get(name);
    if (c === undefined || c.variant.internal !== inInternal) {
      const known = [...this.byName.values()].filter((x) => x.variant.internal === inInternal).map((x) => x.name);
      const wrapper = !inInternal && [...this.byName.values()].some((x) => x.variant.internal) ? ', Internal' : '';
      throw new CodecError(`unknown ${inInternal ? 'internal ' : ''}message ${JSON.stringify(name)} (known: ${known.join(', ')}${wrapper})`);
    }
    if (typeof v === 'string' ? c.names.length > 0 : c.body === undefined) {
      throw new CodecError(c.names.length === 0 ? `${name} carries no fields` : `${name} needs [${c.names.join(', ')}], got nothing`);
    }
    if (c.body !== undefined && !c.body.Check(body)) throw this.explain(c, body);
    const out: Record<string, unknown> = { type: name };
    const names = c.names;
    if (c.variant.wire === 'named') {
      const o = body as Record<string, unknown>;
      for (let i = 0; i < names.length; i++) out[names[i]] = o[c.wireNames[i]];
    } else if (names.length === 1) out[names[0]] = body;
    else for (let i = 0; i < names.length; i++) out[names[i]] = (body as readonly unknown[])[i];
    return out as Tagged;
  }

  /** Why `body` is not a `c`: the first wrong field, in words. */
  private explain(c: CompiledVariant, body: unknown): CodecError {
    const fieldError = (i: number, value: unknown): CodecError => {
      const first = c.fieldChecks[i].Errors(value).First();
      const where = `${c.name}.${c.wireNames[i]}${first?.path ?? ''}`;
      return new CodecError(`${where}: ${first?.message ?? 'wrong shape'}, got ${describe(first?.value ?? value)}`);
    };
    if (c.variant.wire === 'named') {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return new CodecError(`${c.name} needs an object of fields, got ${describe(body)}`);
      const o = body as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!c.wireNames.includes(k)) return new CodecError(`${c.name} has no field ${JSON.stringify(k)}`);
      for (let i = 0; i < c.wireNames.length; i++) {
        if (!(c.wireNames[i] in o)) return new CodecError(`${c.name} lacks its field ${JSON.stringify(c.wireNames[i])}`);
        if (!c.fieldChecks[i].Check(o[c.wireNames[i]])) return fieldError(i, o[c.wireNames[i]]);
      }
    } else if (c.names.length === 1) return fieldError(0, body);
    else {
      if (!Array.isArray(body) || body.length !== c.names.length) return new CodecError(`${c.name} needs [${c.names.join(', ')}], got ${describe(body)}`);
      for (let i = 0; i < c.names.length; i++) if (!c.fieldChecks[i].Check(body[i])) return fieldError(i, body[i]);
    }
    return new CodecError(`${c.name}: wrong shape, got ${describe(body)}`);
  }
}

/** The schema of a protocol's messages, e.g. `messages({ Ping: positional({ n: nat() }) })`. */
export function messages<V extends Variants>(variants: V): MessageSchema<MessageOf<V>> {
  return new MessageSchema<MessageOf<V>>(variants);
}
