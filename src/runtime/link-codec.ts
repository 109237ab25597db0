/**
 * The ordered reliable link on the wire, as serde would write Stateright's `MsgWrapper`:
 * `{"Deliver":[seq, <message>]}` and `{"Ack":seq}`; anything else is a raw message of the inner
 * codec (links may carry only some destinations' traffic).
 */
import type { LinkMsg } from '../actor/index.js';
import { CodecError, jsonCodec, type JsonMessageCodec } from './codec.js';

export function linkCodec<Msg>(inner: JsonMessageCodec<Msg>): JsonMessageCodec<LinkMsg<Msg> | Msg> {
  const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  return jsonCodec<LinkMsg<Msg> | Msg>(
    (msg) => {
      const m = msg as LinkMsg<Msg>;
      if (m.type === 'Deliver') return { Deliver: [m.seq, inner.toJson(m.msg)] };
      if (m.type === 'Ack') return { Ack: m.seq };
      return inner.toJson(msg as Msg);
    },
    (v) => {
      const o = v as Record<string, unknown> | null;
      if (typeof o === 'object' && o !== null && !Array.isArray(o) && Object.keys(o).length === 1) {
        if ('Ack' in o) {
          if (!isSeq(o.Ack)) throw new CodecError(`Ack needs a sequence number ≥ 1, got ${JSON.stringify(o.Ack)}`);
          return { type: 'Ack', seq: o.Ack };
        }
        if ('Deliver' in o) {
          const d = o.Deliver;
          if (!Array.isArray(d) || d.length !== 2 || !isSeq(d[0])) throw new CodecError('Deliver needs [sequence number ≥ 1, message]');
          return { type: 'Deliver', seq: d[0], msg: inner.fromJson(d[1]) };
        }
      }
      return inner.fromJson(v);
    },
  );
}
