/**
 * A strict JSON reader that knows line numbers. `JSON.parse` reports errors by character position
 * (in some Node versions not at all), silently rounds integers beyond 2^53, and cannot say on
 * which line an element starts; a history reader needs all three. Single pass, `charCodeAt` only.
 */
import { LineError } from './history-error.js';
import { TextCursor } from './text-cursor.js';
import type { LocatedForm } from './edn-reader.js';
import type { Value } from '../consistency/value.js';

type MutableObject = { [key: string]: Value };

const MAX_DEPTH = 500;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export class JsonReader extends TextCursor {
  /** Skips JSON whitespace; true when input remains. */
  override skipWhitespace(): boolean {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 10) this.currentLine++;
      else if (c !== 32 && c !== 9 && c !== 13) return true;
      this.pos++;
    }
    return false;
  }

  readValue(): Value {
    if (!this.skipWhitespace()) throw new LineError(this.currentLine, 'unexpected end of file: expected a JSON value (truncated file?)');
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.readObject();
      case '[':
        this.pos++;
        return this.readArrayRest('[').map((e) => e.value);
      case '"':
        return this.readString();
    }
    const start = this.pos;
    while (this.pos < this.text.length && !',]}: \t\r\n'.includes(this.text[this.pos])) this.pos++;
    const token = this.text.slice(start, this.pos);
    if (token === 'null') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (NUMBER.test(token)) {
      const n = Number(token);
      if (!/[.eE]/.test(token) && !Number.isSafeInteger(n)) throw new LineError(this.currentLine, `the integer ${token} is too large to hold exactly (limit 2^53)`);
      return n;
    }
    if (token.length === 0) throw new LineError(this.currentLine, `unexpected '${c}' where a JSON value belongs`);
    throw new LineError(this.currentLine, `'${token.length > 30 ? `${token.slice(0, 30)}…` : token}' is not JSON (strings need double quotes)`);
  }

  /** Reads array elements after the '[' and the closing ']', with each element's line. */
  readArrayRest(opener: string): LocatedForm[] {
    const openedAt = this.currentLine;
    this.enter();
    const items: LocatedForm[] = [];
    if (this.peek() === ']') {
      this.pos++;
      this.depth--;
      return items;
    }
    while (true) {
      const line = (this.skipWhitespace(), this.currentLine);
      items.push({ value: this.readValue(), line });
      const next = this.peek();
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        this.depth--;
        return items;
      }
      if (next === '') throw new LineError(this.currentLine, `unexpected end of file: '${opener}' opened at line ${openedAt} is not closed (truncated file?)`);
      throw new LineError(this.currentLine, `expected ',' or ']' after an array element, got '${next}'`);
    }
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new LineError(this.currentLine, `values are nested more than ${MAX_DEPTH} deep`);
  }

  private readObject(): Value {
    const openedAt = this.currentLine;
    this.pos++;
    this.enter();
    const object = Object.create(null) as MutableObject;
    if (this.peek() === '}') {
      this.pos++;
      this.depth--;
      return object;
    }
    while (true) {
      const quote = this.peek();
      if (quote === '') throw new LineError(this.currentLine, `unexpected end of file: '{' opened at line ${openedAt} is not closed (truncated file?)`);
      if (quote !== '"') throw new LineError(this.currentLine, `expected a property name in double quotes, got '${quote}'`);
      const key = this.readString();
      if (this.peek() !== ':') throw new LineError(this.currentLine, `expected ':' after the property name "${key}"`);
      this.pos++;
      object[key] = this.readValue();
      const next = this.peek();
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        this.depth--;
        return object;
      }
      if (next === '') throw new LineError(this.currentLine, `unexpected end of file: '{' opened at line ${openedAt} is not closed (truncated file?)`);
      throw new LineError(this.currentLine, `expected ',' or '}' after a property, got '${next}'`);
    }
  }

  private readString(): string {
    const text = this.text;
    let pos = this.pos + 1;
    let out = '';
    let chunkStart = pos;
    while (true) {
      if (pos >= text.length) throw new LineError(this.currentLine, 'unexpected end of file inside a string (truncated file?)');
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c < 32) throw new LineError(this.currentLine, 'a control character (such as a newline) inside a string must be escaped');
      if (c === 92) {
        out += text.slice(chunkStart, pos);
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else throw new LineError(this.currentLine, `bad string escape \\${e ?? ''}`);
        chunkStart = pos;
        continue;
      }
      pos++;
    }
    out += text.slice(chunkStart, pos);
    this.pos = pos + 1;
    return out;
  }
}

/** A JSON history: one array of op objects (elle-cli's encoding), each element with its line. */
export function readJsonHistoryForms(text: string): LocatedForm[] {
  const reader = new JsonReader(text);
  const first = reader.peek();
  if (first !== '[') {
    throw new LineError(reader.line, first === '' ? 'the file is empty' : `a JSON history is an array of op objects [{…}, …]; this starts with '${first}' (for one object per line use --format jsonl)`);
  }
  reader.advance();
  const items = reader.readArrayRest('[');
  if (reader.peek() !== '') throw new LineError(reader.line, 'unexpected text after the JSON array');
  return items;
}

/** 16-digit numbers (which JSON.parse would round) and prototype keys. */
const NEEDS_STRICT_READER = /\d{16}|__proto__/;
/** Longer lines go to the strict reader too, which also bounds nesting (500 levels). */
const QUICK_LINE_LIMIT = 1000;

/**
 * A line that the built-in parser reads exactly as the strict reader would (several times
 * faster on million-line files), or undefined: then the strict reader reads it, and reports any
 * error with its line.
 */
function quickParse(content: string): Value | undefined {
  if (content.length > QUICK_LINE_LIMIT || NEEDS_STRICT_READER.test(content)) return undefined;
  try {
    return JSON.parse(content) as Value;
  } catch {
    return undefined;
  }
}

/** JSON Lines: one op object per line; blank lines are skipped. */
export function readJsonLinesForms(text: string): LocatedForm[] {
  const forms: LocatedForm[] = [];
  readJsonLinesInto(text, 1, (form) => forms.push(form));
  return forms;
}

/**
 * Reads whole JSON Lines (the first of them line `firstLine`) into `sink`: how a stream of the
 * file is read chunk by chunk, since no op spans lines.
 */
export function readJsonLinesInto(text: string, firstLine: number, sink: (form: LocatedForm) => void): void {
  let line = firstLine;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = text.slice(start, end);
    if (content.trim().length > 0) {
      const value = quickParse(content);
      if (value !== undefined) {
        sink({ value, line });
      } else {
        const reader = new JsonReader(content, line);
        const strict = reader.readValue();
        if (reader.peek() !== '') throw new LineError(line, 'unexpected text after the op object (JSON Lines holds one object per line)');
        sink({ value: strict, line });
      }
    }
    line++;
    start = end + 1;
  }
}
