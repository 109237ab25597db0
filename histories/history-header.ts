/**
 * A history's header: an optional first map, with no `type`, that says what the file's ops are
 * checked against, so that `check` needs no flags for it:
 *
 *     {"model": "register", "init": "init"}
 *
 * - `init`: the value a read returns before any write. For registers it is the initial state
 *   (what `--init` sets); for the write-once register, whose model writes "not written yet" as
 *   nil, a read of this value is a read of the empty register. Either way such a read is a real
 *   value that must be explained by the order, not Knossos's nil ("any value").
 * - `model`: the model, as `--model` names it.
 *
 * Command-line options win over the header. `stateright load` writes one, with an initial value
 * that none of its writes uses. Knossos and Jepsen know no header; their files start with an op.
 */
import { LineError } from './history-error.js';
import type { LocatedForm } from './edn-reader.js';
import { shorten } from './jepsen-op.js';
import { isModelName } from '../consistency/models/index.js';
import { describeValue } from '../consistency/value.js';
import type { Value } from '../consistency/value.js';

export interface HistoryHeader {
  readonly init?: Value;
  /** A model name as `--model` takes it (the registry's, or `kv-nopartition`). */
  readonly model?: string;
  /** The header's 1-based line. */
  readonly line: number;
}

const HEADER_KEYS: readonly string[] = ['init', 'model'];

/** The one line `stateright load` (or any recorder) writes first, as JSON. */
export function historyHeaderLine(header: { readonly model: string; readonly init: Value }): string {
  return JSON.stringify({ model: header.model, init: header.init });
}

/**
 * The header, when `form` (the file's first map) is one: a map without `type` holding `init` or
 * `model` and nothing else. Any other map is left to be read as an op (and to be reported as one
 * when it is not).
 */
export function readHistoryHeader({ value, line }: LocatedForm): HistoryHeader | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value as { readonly [key: string]: Value };
  if ('type' in fields || !HEADER_KEYS.some((key) => key in fields)) return null;
  const extra = Object.keys(fields).filter((key) => !HEADER_KEYS.includes(key));
  if (extra.length > 0) {
    throw new LineError(line, `a history header holds only ${HEADER_KEYS.map((k) => `:${k}`).join(' and ')}, not :${extra[0]} (an op needs a :type)`);
  }
  const model = fields['model'];
  if (model !== undefined && !(typeof model === 'string' && (isModelName(model) || model === 'kv-nopartition'))) {
    throw new LineError(line, `the header's :model must name a model such as "register", got ${shorten(describeValue(model))}`);
  }
  if (fields['init'] === null) {
    throw new LineError(line, "the header's :init must not be nil: a read of nil means \"any value\" (Knossos's reading), so it could not be told from a read of the initial value");
  }
  return { ...('init' in fields ? { init: fields['init'] } : {}), ...(model !== undefined ? { model } : {}), line };
}
