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
  const pos = firstMeaningfulOffset(text);
  if (pos < 0) return 'edn';
  if (pos >= text.length) return null;
  const lineEnd = text.indexOf('\n', pos);
  const firstLine = text.slice(pos, lineEnd < 0 ? text.length : lineEnd);
  if (PORCUPINE_ETCD_LINE.test(text.slice(pos, pos + DETECTION_WINDOW))) return 'porcupine-etcd';
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

/**
 * Where the first character other than whitespace and EDN comments is (the text's length when
 * there is none; -1 when a comment runs to the end of the text). {@link detectFormat} reads
 * nothing before it, and nothing past it beyond {@link DETECTION_WINDOW} characters but the first
 * line and the next '{' (a stream detects the format from its first chunk when that holds them).
 */
export function firstMeaningfulOffset(text: string): number {
  let pos = 0;
  while (pos < text.length) {
    const c = text[pos];
    if (c === ';') {
      const end = text.indexOf('\n', pos);
      if (end < 0) return -1;
      pos = end + 1;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',') pos++;
    else break;
  }
  return pos;
}

/** Characters from the first meaningful one that detection may look at for a Porcupine etcd line. */
export const DETECTION_WINDOW = 65_536;

function nextNonSpace(text: string, from: number): string {
  let pos = from;
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\r' || text[pos] === '\n' || text[pos] === ',')) pos++;
  return text[pos] ?? '';
}
