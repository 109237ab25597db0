/**
 * The README is the front door to the book: it stays short, it links every chapter, and every
 * relative link in the README and the book leads to a file that exists (and to a heading in it,
 * when it names one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, documentationFiles } from './doc-blocks.js';

const README_MAX_LINES = 250;

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (outside code blocks). */
function anchors(file: string): Set<string> {
  const result = new Set<string>();
  let inCode = false;
  for (const line of read(file).split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const heading = inCode ? null : /^#{1,6} (.*)$/.exec(line);
    if (heading) result.add(anchor(heading[1]));
  }
  return result;
}

/** Relative Markdown links `[text](target)` outside code blocks and code spans. */
function links(file: string): string[] {
  const prose = read(file)
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z]+:/.test(target));
}

describe('the README and the book', () => {
  it(`the README has at most ${README_MAX_LINES} lines`, () => {
    expect(read('README.md').trimEnd().split('\n').length).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('the README links every chapter of docs/', () => {
    const linked = new Set(links('README.md'));
    const chapters = documentationFiles().filter((file) => file.startsWith('docs/'));
    expect(chapters.filter((chapter) => !linked.has(chapter))).toEqual([]);
  });

  it.each(documentationFiles())('every relative link in %s leads somewhere', (file) => {
    const broken = links(file).filter((target) => {
      const [path, fragment] = target.split('#');
      const linked = path === '' ? file : normalize(join(dirname(file), path));
      if (!existsSync(join(ROOT, linked))) return true;
      return fragment !== undefined && linked.endsWith('.md') && !anchors(linked).has(fragment);
    });
    expect(broken).toEqual([]);
  });
});
