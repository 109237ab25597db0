/**
 * A position in a history file's text that knows its line number: what the EDN and JSON readers
 * share (each decides what whitespace is).
 */
export abstract class TextCursor {
  protected pos = 0;
  protected depth = 0;
  protected currentLine: number;

  constructor(
    protected readonly text: string,
    firstLine = 1,
  ) {
    this.currentLine = firstLine;
  }

  /** The 1-based line of the reader's position. */
  get line(): number {
    return this.currentLine;
  }

  /** The reader's position in its text (what a stream keeps from, when a form needs more text). */
  get offset(): number {
    return this.pos;
  }

  /** Has the reader gone through all of its text? (A failure then may only be for want of more.) */
  get exhausted(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips what separates values (and counts lines); true when input remains. */
  abstract skipWhitespace(): boolean;

  /** The next character after whitespace, or '' at the end. */
  peek(): string {
    return this.skipWhitespace() ? this.text[this.pos] : '';
  }

  /** Consumes one character (the caller has peeked it). */
  advance(): void {
    this.pos++;
  }
}
