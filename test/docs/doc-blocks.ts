/**
 * The fenced code blocks of the README and the book (docs/*.md), as the examples test runs them:
 * a `ts` block is a program, an `output` block right after it is what the program prints, and a
 * `console` block is a transcript of `$ command` lines, each followed by what it printed. A block
 * preceded by `<!-- not run: reason -->` is left to the test the reason names.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Block {
  /** The file, relative to the repository root. */
  readonly file: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  /** The first word of the info string: `ts`, `console`, `output`, `sh`, or '' for none. */
  readonly lang: string;
  readonly text: string;
  /** The reason given by a `<!-- not run: … -->` comment on the line above the fence. */
  readonly notRun?: string;
}

/** README.md and every chapter in docs/, in a fixed order. */
export function documentationFiles(): string[] {
  const chapters = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...chapters];
}

export function readBlocks(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]);
    if (open === null) continue;
    const fence = open[1];
    const end = lines.findIndex((l, j) => j > i && l.startsWith(fence) && l.trim() === fence);
    if (end < 0) throw new Error(`${file}:${i + 1}: a code block is never closed`);
    const marker = i > 0 ? /^<!-- not run: (.+) -->$/.exec(lines[i - 1].trim()) : null;
    blocks.push({
      file,
      line: i + 1,
      lang: open[2].trim().split(/\s+/)[0] ?? '',
      text: lines.slice(i + 1, end).join('\n'),
      ...(marker ? { notRun: marker[1] } : {}),
    });
    i = end;
  }
  return blocks;
}

/** A `ts` block with the `output` block that follows it, if any. */
export interface Program {
  readonly block: Block;
  readonly expected?: string;
}

export function programs(blocks: readonly Block[]): Program[] {
  return blocks.flatMap((block, i) => {
    if (block.lang !== 'ts') return [];
    const next = blocks[i + 1];
    return [next?.lang === 'output' ? { block, expected: next.text } : { block }];
  });
}

/** One `$ command` of a console block and the lines it printed. */
export interface Step {
  readonly command: string;
  readonly expected: string;
}

/** The steps of a console block; a command continued with `\` at line ends is joined. */
export function steps(block: Block): Step[] {
  const joined = block.text.replace(/\\\n\s*/g, ' ');
  return joined
    .split(/^\$ /m)
    .slice(1)
    .map((chunk) => {
      const [command, ...output] = chunk.split('\n');
      return { command: command.trim(), expected: output.join('\n').trimEnd() };
    });
}

/**
 * Whether `actual` shows what `expected` does: line by line after `normalise`, where an expected
 * line `…` stands for any number of lines (none included).
 */
export function matchesTranscript(expected: string, actual: string, normalise: (line: string) => string): boolean {
  const want = expected === '' ? [] : expected.split('\n').map(normalise);
  const got = actual === '' ? [] : actual.split('\n').map(normalise);
  const memo = new Map<number, boolean>();
  const from = (w: number, g: number): boolean => {
    const key = w * (got.length + 1) + g;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (w === want.length) result = g === got.length;
    else if (want[w].trim() === '…') result = from(w + 1, g) || (g < got.length && from(w, g + 1));
    else result = g < got.length && want[w] === got[g] && from(w + 1, g + 1);
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/** Times vary from run to run: `12 ms`, `1.5 s`, `sec=3` compare equal to any other. */
export function withoutTimes(line: string): string {
  return line.replace(/\b\d+(\.\d+)? m?s\b/g, 'T').replace(/\bsec=\d+/g, 'sec=T');
}

/** A run over a real network: every count and time varies, so every number compares equal. */
export function withoutNumbers(line: string): string {
  return line.replace(/\d+(\.\d+)?/g, 'N');
}
