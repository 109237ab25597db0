/**
 * Jepsen EDN histories read as a stream of text: the file arrives in chunks of whole lines and
 * each op map goes to a sink as soon as it is read, so a long history is never held whole as
 * text. A form may span lines and chunks (a multi-line map, a string with a newline).
 *
 * Why the result is exactly that of reading the whole text at once: the reader is deterministic
 * and reads left to right, so on a prefix of the text it does what it does on the whole text up
 * to the point where it reaches the end of the prefix. A step (one form, or the whitespace
 * before it) that fails *having reached the end of its text* (an "unexpected end of file", or
 * any error with the reader at the end), when more text follows, is therefore undone: the text from the step's start is kept and read again with the next chunk.
 * A step that fails before the end fails as it would on the whole text, with the same line. A
 * step that succeeds at the end of a chunk is complete, because chunks end with a newline,
 * which ends every token. Errors keep their `line: what is wrong` form, with the file's lines.
 */
import { EdnReader } from './edn-reader.js';
import type { LocatedForm } from './edn-reader.js';
import { LineError } from './history-error.js';

const RBRACKET = 93;
const RPAREN = 41;

/** How every error of the EDN reader that reaching the end of its text causes begins. */
const END_OF_FILE = 'unexpected end of file';

type Phase = 'start' | 'wrapped' | 'after-wrapper' | 'forms';

/** Reads a history's top-level forms from successive chunks of text. */
export class EdnHistoryStream {
  private pending = '';
  private pendingLine = 1;
  private phase: Phase = 'start';
  /** A history wrapped in one vector or list: its elements are held until it closes (see readEdnHistoryForms). */
  private wrapper: { readonly opener: string; readonly closer: number; readonly line: number; readonly elements: LocatedForm[] } | null = null;

  constructor(private readonly sink: (form: LocatedForm) => void) {}

  /** The next chunk: whole lines of the file, the first of them line `firstLine`; `last` at the end of the file. */
  feed(text: string, firstLine: number, last: boolean): void {
    const carried = this.pending.length > 0;
    const source = carried ? this.pending + text : text;
    const reader = new EdnReader(source, carried ? this.pendingLine : firstLine);
    this.pending = '';
    for (;;) {
      const start = reader.offset;
      const startLine = reader.line;
      try {
        if (!this.step(reader, last)) return;
      } catch (error) {
        if (!last && error instanceof LineError && (reader.exhausted || error.detail.startsWith(END_OF_FILE))) {
          this.pending = source.slice(start);
          this.pendingLine = startLine;
          return;
        }
        throw error;
      }
    }
  }

  /** One step of the reading; false when this chunk is used up (or the history has ended). */
  private step(reader: EdnReader, last: boolean): boolean {
    switch (this.phase) {
      case 'start': {
        const first = reader.peek();
        if (first === '') return false;
        if (first === '[' || first === '(') {
          const line = reader.line;
          reader.advance();
          this.wrapper = { opener: first, closer: first === '[' ? RBRACKET : RPAREN, line, elements: [] };
          this.phase = 'wrapped';
        } else this.phase = 'forms';
        return true;
      }
      case 'wrapped': {
        const wrapper = this.wrapper!;
        const next = reader.peek();
        if (next === '') {
          if (last) throw new LineError(reader.line, `unexpected end of file: '${wrapper.opener}' opened at line ${wrapper.line} is not closed (truncated file?)`);
          return false;
        }
        if (next.charCodeAt(0) === wrapper.closer) {
          reader.advance();
          this.phase = 'after-wrapper';
          return true;
        }
        if (next === ')' || next === ']' || next === '}') throw new LineError(reader.line, `'${next}' does not match '${wrapper.opener}' opened at line ${wrapper.line}`);
        const line = reader.line;
        wrapper.elements.push({ value: reader.readForm(), line });
        return true;
      }
      case 'after-wrapper': {
        const wrapper = this.wrapper!;
        if (reader.atEnd()) {
          if (last) for (const element of wrapper.elements) this.sink(element);
          return false;
        }
        // More forms follow, so the vector was an op itself (and not a map: reported later).
        this.sink({ value: wrapper.elements.map((e) => e.value), line: wrapper.line });
        this.wrapper = null;
        this.phase = 'forms';
        return true;
      }
      case 'forms': {
        if (reader.atEnd()) return false;
        const line = reader.line;
        this.sink({ value: reader.readForm(), line });
        return true;
      }
    }
  }
}

/**
 * Reads a history's forms the way Knossos's command line and elle-cli do: when the file holds
 * exactly one form and it is a vector or list, its elements are the ops; otherwise every
 * top-level form is an op (Jepsen's own `history.edn` is a stream of bare maps).
 */
export function readEdnHistoryForms(text: string): LocatedForm[] {
  const forms: LocatedForm[] = [];
  new EdnHistoryStream((form) => forms.push(form)).feed(text, 1, true);
  return forms;
}
