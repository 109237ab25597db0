/**
 * The project speaks of itself only: no file in the tree (code, comments, docs, test names,
 * benchmark output, example histories) talks about how it was written. A figure says what was
 * measured, by which command, on what machine; a design says what it is, not what it replaced.
 *
 * The phrases are chosen not to catch the project's own vocabulary: a causal-consistency
 * *session* ("read by session 2", "in session 1"), the Explorer's and the workers' sessions,
 * "the history can no longer be ordered", "the old value".
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './doc-blocks.js';

/**
 * The word for a stretch of development, and the words that date one. Kept apart and joined into
 * the patterns and samples below, so that this file does not itself hold the phrases it forbids.
 */
const STRETCH = 'session';
const DATING = ['this', 'that', 'previous', 'earlier', 'last', 'next', 'helper'];
/** A sample line, with `{stretch}` standing for {@link STRETCH}. */
const sample = (line: string): string => line.replaceAll('{stretch}', STRETCH);

/** Each pattern with what it catches, as a reason to show with a hit. */
const HISTORY_WORDS: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: new RegExp(`[(,]\\s*${STRETCH} \\d+\\s*[,)]|\\b${STRETCH} \\d+ (figures|measured|change|work)\\b`, 'i'), why: 'dates a figure or a design by a stretch of development' },
  { pattern: new RegExp(`\\b(${DATING.join('|')}) ${STRETCH}\\b|\\b${STRETCH}'s change\\b`, 'i'), why: 'a stretch of development' },
  { pattern: /\b(issue|pull request|PR) #?\d+\b/i, why: 'an issue or pull request number' },
  { pattern: /\b(before|after|since|with|without|in) this change\b|\bthis change\b/i, why: 'a change, not the project' },
  { pattern: /\bpreviously\b|\bused to be\b/i, why: 'what the project was before' },
  { pattern: /\b(the|a|an) (previous|earlier|former|old) (design|engine|version|implementation|main|code|behaviou?r|checker)\b/i, why: 'what the project was before' },
  // "No longer" also describes a running system ("the actor no longer receives from ..."), so
  // only the forms that describe the code are caught.
  { pattern: /\bno longer (exists|needed|necessary|used|required|supported)\b|\b(code|checker|engine|design|implementation|project|module|library|benchmark) no longer\b/i, why: 'what the project was before' },
  { pattern: /\bnew in (v?\d|this)\b/i, why: 'a release note' },
  { pattern: /\b(landed|worktree)\b/i, why: 'how the work was merged' },
  { pattern: /\((then|formerly) \d|\bformerly\b|\b(as of|since) (commit|session|issue)\b/i, why: 'a figure from an earlier state of the project' },
  { pattern: /\bwe (added|changed|fixed|rewrote|replaced|removed)\b/i, why: 'the authors at work, not the project' },
  { pattern: /\b(went|dropped|fell|rose|improved|grew|shrank) from [0-9]/i, why: 'a figure against an earlier state of the project' },
];

/** Folders that are not the project's own text: installed packages, build output, tool state. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'dist', 'test-artifacts', 'coverage']);
/** Files not written by hand: the lock file lists registry URLs and versions. */
const SKIPPED_FILES = new Set(['package-lock.json']);
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|json|jsonl|md|edn|txt|log|html|css|yml|yaml|sh|tsv)$|^run$|^\.[a-z]+rc$/;

function projectFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : projectFiles(path);
    return entry.isFile() && TEXT.test(entry.name) && !SKIPPED_FILES.has(entry.name) ? [relative(ROOT, path)] : [];
  });
}

/** `file:line: text (why)` for every line of `text` that talks about how the project was written. */
function historyWordHits(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const hit = HISTORY_WORDS.find(({ pattern }) => pattern.test(line));
    return hit ? [`${file}:${i + 1}: ${line.trim()} (${hit.why})`] : [];
  });
}

const THIS_FILE = relative(ROOT, import.meta.filename);

describe('development-history words', () => {
  it('appear nowhere in the tree', () => {
    const files = projectFiles().filter((file) => file !== THIS_FILE);
    expect(files).toContain('README.md');
    expect(files.flatMap((file) => historyWordHits(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('are caught in the forms they take, and the project vocabulary is not', () => {
    const caught = [
      sample('Measured on one machine ({stretch} 7, two cores): a prototype'),
      sample('completes within 1.63 GB (17.5 B/state, {stretch} 4).'),
      'the figures measured for issue 14',
      'from 0.52 s before this change',
      sample('numbering by a count per parent, from before this {stretch}'),
      sample('as the {stretch}\'s change left it'),
      'The previous design copied an n-bit set',
      'the checker no longer keeps millions of objects alive',
      'which depends on its global pop order, which no longer exists',
      '(the previous main at the same time: 0.74 s)',
      '74 s, 2.4 GB (then 15.7 s, 1.7 GB)',
      'We rewrote the parser to stream its input.',
      '2 workers went from 5.12 to 3.78 s (medians of 5, interleaved).',
    ];
    const kept = [
      '#9 read x="" by session 2 returned the initial value',
      'in session 1, #3 read x=1 comes before #5 write y=1',
      'the first completed operation at which the history so far can no longer be ordered',
      'so it may see either the old value 1 or the new value 2',
      'const session = new ExplorerSession(model, options, options);',
      'a total order used to sort actions exactly as Stateright does',
      'before session 2 reads 1, six orders',
      'so the speed-up varied from 0.9× to 1.2× between runs',
      'Cuts the network: actor `dst` no longer receives from the actors in `grudge.get(dst)`',
    ];
    expect(caught.filter((line) => historyWordHits('x', line).length === 0)).toEqual([]);
    expect(kept.flatMap((line) => historyWordHits('x', line))).toEqual([]);
  });
});
