/**
 * Porcupine's etcd Jepsen logs: one event per line,
 * `INFO  jepsen.util - <process> <:type> <:f> <value>`, columns separated by tabs or runs of
 * spaces. Lines that are not operation lines (Leiningen preamble, nemesis messages, checker
 * output in the original logs) are skipped, as Porcupine's parser does.
 */
import { readEdnValue } from './edn-reader.js';
import type { LocatedForm } from './edn-reader.js';
import { LineError } from './history-error.js';
import type { Value } from '../consistency/value.js';

const WHITESPACE = /[ \t]+/;
const DIGITS = /^\d+$/;

/** Op maps for each operation line, with its line number. */
export function readPorcupineEtcdForms(text: string): LocatedForm[] {
  const forms: LocatedForm[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    const tokens = lines[i].trim().split(WHITESPACE);
    // Only `INFO jepsen.util - <client id> …` lines are operations.
    if (tokens.length < 4 || tokens[0] !== 'INFO' || tokens[1] !== 'jepsen.util' || tokens[2] !== '-' || !DIGITS.test(tokens[3])) continue;
    if (tokens.length < 7) throw new LineError(lineNumber, 'an operation line needs a process, :type, :f and value, e.g. "INFO  jepsen.util - 2 :invoke :write 4"');
    const [, , , process, type, f] = tokens;
    if (!type.startsWith(':') || !f.startsWith(':')) throw new LineError(lineNumber, `expected ":type :f value" after the process, got "${type} ${f}"`);
    const value: Value = readEdnValue(tokens.slice(6).join(' '), lineNumber);
    const fields: { [key: string]: Value } = Object.create(null) as { [key: string]: Value };
    fields['process'] = Number(process);
    fields['type'] = type.slice(1);
    fields['f'] = f.slice(1);
    fields['value'] = value;
    if (!Number.isSafeInteger(fields['process'])) throw new LineError(lineNumber, `process id ${process} is too large`);
    forms.push({ value: fields, line: lineNumber });
  }
  return forms;
}
