/**
 * Chooses a history format from the file's content (and, as a tie-breaker, its extension).
 */
export const FORMAT_NAMES = ['edn', 'json', 'jsonl', 'porcupine-etcd', 'porcupine-kv'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const isFormatName = (name: string): name is FormatName => (FORMAT_NAMES as readonly string[]).includes(name);

/** Porcupine's kv lines: `{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}`. */
const PORCUPINE_KV_LINE = /^\{:process \d+, :type :\w+, :f :(get|put|append), :key "/;
/** An etcd operation line, anywhere near the start (ahorn's original logs open with Leiningen output). */
const PORCUPINE_ETCD_LINE = /^\s*INFO\s+jepsen\.util\s+-\s+\d+\s+:/m;

/** The format of `text`, or null when nothing looks like a history (the caller reports it). */
export function detectFormat(text: string, fileName = ''): FormatName | null {
  let pos = 0;
  // Skip whitespace and EDN comments to the first meaningful character.
  while (pos < text.length) {
    const c = text[pos];
    if (c === ';') {
      const end = text.indexOf('\n', pos);
      if (end < 0) return 'edn';
      pos = end + 1;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',') pos++;
    else break;
  }
  if (pos >= text.length) return null;
  const lineEnd = text.indexOf('\n', pos);
  const firstLine = text.slice(pos, lineEnd < 0 ? text.length : lineEnd);
  if (PORCUPINE_ETCD_LINE.test(text.slice(pos, pos + 65_536))) return 'porcupine-etcd';
  const next = nextNonSpace(text, pos + 1);
  switch (text[pos]) {
    case '[':
      if (next === '{') return nextNonSpace(text, text.indexOf('{', pos) + 1) === '"' ? 'json' : 'edn';
      if (next === ']') return fileName.endsWith('.edn') ? 'edn' : 'json';
      return fileName.endsWith('.json') ? 'json' : 'edn';
    case '{':
      if (next === '"' || next === '}') return 'jsonl';
      return PORCUPINE_KV_LINE.test(firstLine) ? 'porcupine-kv' : 'edn';
    case '(':
    case '#':
      return 'edn';
  }
  if (fileName.endsWith('.jsonl')) return 'jsonl';
  if (fileName.endsWith('.json')) return 'json';
  return 'edn';
}

function nextNonSpace(text: string, from: number): string {
  let pos = from;
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\r' || text[pos] === '\n' || text[pos] === ',')) pos++;
  return text[pos] ?? '';
}
