/**
 * Porcupine's kv logs, one op map per line, read without the general EDN reader when every line
 * has the exact shape Porcupine writes:
 *
 *   {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}
 *
 * Why a second reader: in a fresh process the general reader (recursive, one call per token, a
 * map per form) runs mostly before the compiler has optimised it, and reading the six kv corpus
 * files that way cost more than checking them. One sticky regular expression per line is compiled
 * to machine code at its first use, and each op is built directly, without the intermediate form.
 *
 * Why the result is the general reader's: a line is taken only when the whole line matches, and
 * on such a line the EDN reader reads exactly these values — the integer (at most 15 digits, so
 * exact) as a number, the keywords as their names, each string (no escape, quote or newline in
 * it) as its characters, `nil` as null — into a map with these five keys in this order, at this
 * line, and the op is what `JepsenOpReader` makes of it (no `:index`, so each op's index is its
 * position). Any other line (a blank one, a comment, a header, another key, an escape, a map over
 * several lines) makes this reader give up on the whole text, and the general reader reads it
 * instead; so every error, with its `file:line`, is the general reader's.
 * test/histories/porcupine-kv.test.ts checks both against random lines near the shape.
 */
import type { JepsenOp, OpType } from './jepsen-op.js';

/** One canonical line: process, type, f, key, and either nil or a plain string value; then the line's end. */
const LINE = /\{:process (\d{1,15}), :type :(invoke|ok|fail|info), :f :(get|put|append), :key "([^"\\\n]*)", :value (?:nil|"([^"\\\n]*)")\}\r?(?:\n|$)/y;

/** The ops of a kv log whose every line is canonical, or null when one is not (read it with the general reader). */
export function readCanonicalKvOps(text: string): JepsenOp[] | null {
  const ops: JepsenOp[] = [];
  const end = text.length;
  LINE.lastIndex = 0;
  for (let line = 1; LINE.lastIndex < end; line++) {
    const m = LINE.exec(text);
    if (m === null) return null;
    const process = Number(m[1]);
    const type = m[2] as OpType;
    const f = m[3];
    const value = m[5] ?? null;
    // The five keys as read, in the file's order (an ordinary object: only these own keys are ever looked up).
    const fields = { process, type, f, key: m[4], value };
    ops.push({ index: ops.length, type, f, value, process, line, fields });
  }
  return ops.length === 0 ? null : ops;
}
