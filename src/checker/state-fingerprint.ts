/**
 * How a run fingerprints the states it puts in its visited set. Internal.
 *
 * By default a state's structural fingerprint (fingerprint.ts). When the model's
 * {@link StateCodec} is `canonical`, the hash of the state's encoding instead.
 *
 * Why the encoding may stand for the state. Two states the checker must tell apart have
 * different structural fingerprints; the codec round-trips (`decode(encode(s))` has the
 * fingerprint of `s`), so their encodings differ too, and hashing the words separates them but for
 * a 64-bit accident, as the structural hash does. Two states the checker must merge have equal
 * structural fingerprints, and `canonical` promises their encodings are equal, so they hash
 * alike. The round trip is spot-checked on the first states encoded, as the BFS queues do; the
 * promise of canonical words cannot be checked state by state and is the model's to keep.
 */
import { fingerprintInto, fingerprintWords } from './fingerprint.js';
import type { Model } from './model.js';
import { CodecSpotCheck } from './state-list.js';

/** Writes the 64-bit fingerprint of a state into `out[0]`, `out[1]`. */
export type Fingerprinter<State> = (state: State, out: Uint32Array) => void;

/**
 * The fingerprinter of a run of `model`. With `key` (symmetry reduction), a state is fingerprinted
 * as the structural fingerprint of `key(state)`, which need not be a state the codec knows.
 */
export function stateFingerprinter<State>(model: Pick<Model<State, unknown>, 'stateCodec'>, key?: (state: State) => unknown): Fingerprinter<State> {
  if (key !== undefined) return (state, out) => fingerprintInto(key(state), out);
  const codec = model.stateCodec;
  if (codec === undefined || codec.canonical !== true) return fingerprintInto;
  const words = new Int32Array(codec.words);
  const spotCheck = new CodecSpotCheck(codec);
  const count = codec.words;
  return (state, out) => {
    codec.encode(state, words, 0);
    spotCheck.after(state, words, 0);
    fingerprintWords(words, 0, count, out);
  };
}
