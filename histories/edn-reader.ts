/**
 * A small, fast EDN reader for Jepsen histories.
 *
 * Why hand-rolled: the EDN readers on npm (`edn-data`, `jsedn`) return values without source
 * positions and report syntax errors without line numbers, and we need both: every op map's line
 * for `file:line` errors about pairing and shapes, and the line of a syntax error. This reader is a
 * single pass over the text with `charCodeAt` (no regular expression per character), so a
 * multi-megabyte history reads in milliseconds.
 *
 * Values come out as plain data (`Value`): keywords and symbols become their names as strings
 * (`:invoke` → "invoke", the same as elle-cli's JSON encoding), vectors, lists and sets become
 * arrays, maps become objects keyed by the key's name, `nil` becomes null. Tagged literals
 * (`#inst "…"`) read as their value; `#_` discards the next form.
 */
import { LineError } from './history-error.js';
import { TextCursor } from './text-cursor.js';
import type { Value } from '../consistency/value.js';

type MutableObject = { [key: string]: Value };

const MAX_DEPTH = 500;

// Character codes used by the scanner.
const NEWLINE = 10;
const QUOTE = 34;
const HASH = 35;
const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;
const COLON = 58;
const SEMICOLON = 59;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const LBRACE = 123;
const RBRACE = 125;

const isWhitespace = (c: number): boolean => c === 32 || c === NEWLINE || c === 9 || c === 13 || c === COMMA || c === 12;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Characters that end a token (keyword, symbol, number). */
const isDelimiter = (c: number): boolean =>
  isWhitespace(c) || c === LPAREN || c === RPAREN || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE || c === QUOTE || c === SEMICOLON;

const CLOSER_NAME: Record<number, string> = { [RPAREN]: ')', [RBRACKET]: ']', [RBRACE]: '}' };

export class EdnReader extends TextCursor {
  /** Skips whitespace, commas and `;` comments; true when input remains. */
  override skipWhitespace(): boolean {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      const c = text.charCodeAt(this.pos);
      if (c === NEWLINE) {
        this.currentLine++;
        this.pos++;
      } else if (isWhitespace(c)) {
        this.pos++;
      } else if (c === SEMICOLON) {
        while (this.pos < n && text.charCodeAt(this.pos) !== NEWLINE) this.pos++;
      } else if (c === HASH && text.charCodeAt(this.pos + 1) === UNDERSCORE) {
        this.pos += 2;
        this.enter();
        this.readForm();
        this.depth--;
      } else {
        return true;
      }
    }
    return false;
  }

  /** Reads one form. Throws a LineError on malformed or truncated input. */
  readForm(): Value {
    if (!this.skipWhitespace()) throw new LineError(this.currentLine, 'unexpected end of file: expected a value');
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    switch (c) {
      case LBRACKET:
      case LPAREN:
        this.pos++;
        return this.readSequence(c === LBRACKET ? RBRACKET : RPAREN, c === LBRACKET ? '[' : '(');
      case LBRACE:
        this.pos++;
        return this.readMap();
      case QUOTE:
        return this.readString();
      case COLON:
        return this.readKeyword();
      case HASH:
        return this.readDispatch();
      case RPAREN:
      case RBRACKET:
      case RBRACE:
        throw new LineError(this.currentLine, `unexpected '${CLOSER_NAME[c]}' with nothing open`);
      case BACKSLASH:
        return this.readCharacter();
    }
    return this.readAtom();
  }

  /** Reads the elements of a collection whose opening character was consumed, and its closer. */
  readSequence(closer: number, opener: string): Value[] {
    const openedAt = this.currentLine;
    this.enter();
    const items: Value[] = [];
    while (true) {
      if (!this.skipWhitespace()) throw new LineError(this.currentLine, `unexpected end of file: '${opener}' opened at line ${openedAt} is not closed`);
      const c = this.text.charCodeAt(this.pos);
      if (c === closer) {
        this.pos++;
        this.depth--;
        return items;
      }
      if (c === RPAREN || c === RBRACKET || c === RBRACE) {
        throw new LineError(this.currentLine, `'${CLOSER_NAME[c]}' does not match '${opener}' opened at line ${openedAt}`);
      }
      items.push(this.readForm());
    }
  }

  /** True when only whitespace and comments remain. */
  atEnd(): boolean {
    return !this.skipWhitespace();
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new LineError(this.currentLine, `values are nested more than ${MAX_DEPTH} deep`);
  }

  private readMap(): { readonly [key: string]: Value } {
    const openedAt = this.currentLine;
    const entries = this.readSequence(RBRACE, '{');
    if (entries.length % 2 !== 0) throw new LineError(openedAt, `the map opened here has a key without a value (${entries.length} forms)`);
    // A null prototype, so a key such as "__proto__" is an ordinary key.
    const map = Object.create(null) as MutableObject;
    for (let i = 0; i < entries.length; i += 2) {
      const key = entries[i];
      map[typeof key === 'string' ? key : JSON.stringify(key)] = entries[i + 1];
    }
    return map;
  }

  private readString(): string {
    const text = this.text;
    const startLine = this.currentLine;
    let pos = this.pos + 1;
    let out = '';
    let chunkStart = pos;
    while (true) {
      if (pos >= text.length) throw new LineError(startLine, 'unexpected end of file inside a string that starts here');
      const c = text.charCodeAt(pos);
      if (c === QUOTE) break;
      if (c === NEWLINE) this.currentLine++;
      if (c === BACKSLASH) {
        out += text.slice(chunkStart, pos);
        const e = text[pos + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e;
            break;
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'u': {
            const hex = text.slice(pos + 2, pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new LineError(this.currentLine, `bad string escape \\u${hex}`);
            out += String.fromCharCode(parseInt(hex, 16));
            pos += 4;
            break;
          }
          default:
            throw new LineError(this.currentLine, e === undefined ? 'unexpected end of file inside a string' : `unknown string escape \\${e}`);
        }
        pos += 2;
        chunkStart = pos;
        continue;
      }
      pos++;
    }
    out += text.slice(chunkStart, pos);
    this.pos = pos + 1;
    return out;
  }

  private readToken(): string {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    while (pos < text.length && !isDelimiter(text.charCodeAt(pos))) pos++;
    this.pos = pos;
    return text.slice(start, pos);
  }

  private readKeyword(): string {
    const token = this.readToken();
    const name = token.charCodeAt(1) === COLON ? token.slice(2) : token.slice(1);
    if (name.length === 0) throw new LineError(this.currentLine, `'${token}' is not a keyword`);
    return name;
  }

  private readCharacter(): string {
    const token = this.readToken();
    const named: Record<string, string> = { '\\newline': '\n', '\\space': ' ', '\\tab': '\t', '\\return': '\r' };
    if (token in named) return named[token];
    if (token.length === 2) return token[1];
    if (token.length === 1 && this.pos < this.text.length) return this.text[this.pos++];
    throw new LineError(this.currentLine, `'${token}' is not a character`);
  }

  private readDispatch(): Value {
    const next = this.text.charCodeAt(this.pos + 1);
    if (next === LBRACE) {
      this.pos += 2;
      return this.readSequence(RBRACE, '#{');
    }
    if (next === UNDERSCORE) {
      this.pos += 2;
      this.readForm();
      return this.readForm();
    }
    // A tagged literal such as #inst "…" or #uuid "…": keep the value, drop the tag.
    const tag = this.readToken();
    if (tag.length < 2) throw new LineError(this.currentLine, "'#' must start a set #{…}, a discard #_ or a tag such as #inst");
    this.enter();
    const value = this.readForm();
    this.depth--;
    return value;
  }

  private readAtom(): Value {
    const line = this.currentLine;
    const token = this.readToken();
    const first = token.charCodeAt(0);
    const second = token.charCodeAt(1);
    if (isDigit(first) || ((first === 43 || first === 45) && isDigit(second))) return parseNumber(token, line);
    switch (token) {
      case 'nil':
        return null;
      case 'true':
        return true;
      case 'false':
        return false;
    }
    if (token.length === 0) throw new LineError(line, `unexpected character '${this.text[this.pos]}'`);
    // Any other symbol reads as its name, the way keywords do.
    return token;
  }
}

const INTEGER = /^[+-]?\d+N?$/;
const FLOAT = /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?M?$/;

function parseNumber(token: string, line: number): number {
  if (INTEGER.test(token)) {
    const value = Number(token.endsWith('N') ? token.slice(0, -1) : token);
    if (!Number.isSafeInteger(value)) throw new LineError(line, `the integer ${token} is too large to hold exactly (limit 2^53)`);
    return value;
  }
  if (FLOAT.test(token)) return Number(token.endsWith('M') ? token.slice(0, -1) : token);
  if (/^[+-]?\d+\/\d+$/.test(token)) throw new LineError(line, `ratios such as ${token} are not supported`);
  throw new LineError(line, `'${token}' is not a number`);
}

/** One top-level element of a history: its value and the line it starts on. */
export interface LocatedForm {
  readonly value: Value;
  readonly line: number;
}

/** Reads exactly one form from `text` (used for single values, e.g. a Porcupine log's value column). */
export function readEdnValue(text: string, line = 1): Value {
  const reader = new EdnReader(text);
  try {
    const value = reader.readForm();
    if (!reader.atEnd()) throw new LineError(1, `unexpected text after the value: ${JSON.stringify(text)}`);
    return value;
  } catch (error) {
    if (error instanceof LineError) throw new LineError(line + error.line - 1, error.detail);
    throw error;
  }
}
