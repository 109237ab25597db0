/**
 * The wire form of the bundled register protocols, as Stateright's examples put them on UDP:
 * `{"Put":[1,"X"]}`, `{"Get":2}`, `{"PutOk":1}`, `{"GetOk":[2,"X"]}` (and our `{"PutFail":1}`),
 * with each protocol's peer messages under `{"Internal": …}` as Rust struct variants
 * (`{"Internal":{"Prepare":{"ballot":[1,0]}}}`). Values are strings (Stateright's are single
 * characters; the protocols never look inside them, so a load generator may write longer ones).
 */
import type { InternalMsg, ProtocolMsg } from '../../register-models/index.js';
import { taggedJsonCodec, type JsonMessageCodec, type Shape, type VariantSchema } from './codec.js';

const tuple = (...shapes: Shape[]): Shape => ({ tuple: shapes });
const nullable = (shape: Shape): Shape => ({ nullable: shape });

const positional = (name: string, fields: [string, Shape][]): VariantSchema => ({ name, fields, form: 'tuple' });
const internal = (name: string, fields: [string, Shape][]): VariantSchema => ({ name, fields, form: 'struct', internal: true });

export const REGISTER_WIRE: readonly VariantSchema[] = [
  positional('Put', [
    ['requestId', 'nat'],
    ['value', 'string'],
  ]),
  positional('Get', [['requestId', 'nat']]),
  positional('PutOk', [['requestId', 'nat']]),
  positional('GetOk', [
    ['requestId', 'nat'],
    ['value', 'string'],
  ]),
  positional('PutFail', [['requestId', 'nat']]),
];

const ballot = tuple('nat', 'id');
const proposal = tuple('nat', 'id', 'string');

const PAXOS_WIRE: readonly VariantSchema[] = [
  internal('Prepare', [['ballot', ballot]]),
  internal('Prepared', [
    ['ballot', ballot],
    ['lastAccepted', nullable(tuple(ballot, proposal))],
  ]),
  internal('Accept', [
    ['ballot', ballot],
    ['proposal', proposal],
  ]),
  internal('Accepted', [['ballot', ballot]]),
  internal('Decided', [
    ['ballot', ballot],
    ['proposal', proposal],
  ]),
];

const seq = tuple('nat', 'id');
const ABD_WIRE: readonly VariantSchema[] = [
  internal('Query', [['requestId', 'nat']]),
  internal('AckQuery', [
    ['requestId', 'nat'],
    ['seq', seq],
    ['value', 'string'],
  ]),
  internal('Record', [
    ['requestId', 'nat'],
    ['seq', seq],
    ['value', 'string'],
  ]),
  internal('AckRecord', [['requestId', 'nat']]),
];

/** Internal message schemas by protocol family (the broken variants share their family's). */
const INTERNAL_WIRE: Readonly<Record<string, readonly VariantSchema[]>> = {
  Prepare: PAXOS_WIRE,
  Query: ABD_WIRE,
};

/**
 * The codec for a register protocol, found from its internal variant names. Throws for a
 * protocol whose internal messages have no schema here.
 */
export function registerCodec<Internal extends InternalMsg>(protocol: { readonly name: string; readonly internalVariants: readonly string[] }): JsonMessageCodec<ProtocolMsg<Internal>> {
  const names = protocol.internalVariants;
  if (names.length === 0) return taggedJsonCodec(REGISTER_WIRE);
  const family = INTERNAL_WIRE[names[0]];
  const known = family?.map((s) => s.name) ?? [];
  if (family === undefined || names.some((n) => !known.includes(n))) {
    throw new RangeError(`no wire schema for the internal messages of ${protocol.name} (${names.join(', ')})`);
  }
  return taggedJsonCodec([...family, ...REGISTER_WIRE]);
}
