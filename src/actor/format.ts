/**
 * Rust-Debug-like rendering of messages and other plain data: `{type: 'Ping', n: 0}` prints as
 * `Ping(0)`, `null`/`undefined` as `None`, arrays as `[a, b]`, strings quoted.
 */
import { Immutable } from '../checker/immutable.js';

const { isImmutable } = Immutable;

export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'None';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  const fv = (v as { fingerprintValue?: () => unknown }).fingerprintValue;
  if (typeof fv === 'function') return formatValue(fv.call(v));
  if (isImmutable(v) || v instanceof Map || v instanceof Set) return String(v);
  const o = v as Record<string, unknown>;
  if (typeof o.type === 'string') {
    const fields = Object.keys(o).filter((k) => k !== 'type');
    return fields.length === 0 ? o.type : `${o.type}(${fields.map((k) => formatValue(o[k])).join(', ')})`;
  }
  return `{ ${Object.keys(o).map((k) => `${k}: ${formatValue(o[k])}`).join(', ')} }`;
}
