/**
 * A full garbage collection, asked for by the visited set (visited-set.ts) once the tables it has
 * outgrown add up. Internal.
 *
 * Why: a typed array's memory is freed when the collector finds the array dead, and an array that
 * lived long enough to be old waits for a full collection. A run that keeps its states in typed
 * arrays allocates little on V8's own heap, so none comes: V8 starts one for memory held outside
 * its heap only after 64 MB more of it than at the last one. Two-phase commit with 8 RMs by DFS
 * outgrew 43 MB of tables (twice its final set) and kept them all resident to the end: peak RSS
 * 124 MB, against 89 MB with a collection whenever a quarter of the live set has been outgrown
 * (nine collections, each a few milliseconds on a heap of about 15 MB).
 *
 * How: Node offers no collection without `--expose-gc` (a start-up flag). V8 installs `gc` in the
 * contexts created while that flag is set, so the flag is set for as long as it takes to create
 * one context and take its `gc`, then cleared again. A process started with `--expose-gc` (the
 * benchmarks) already has it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      try {
        collect = runInNewContext('gc') as () => void;
      } finally {
        setFlagsFromString('--no-expose-gc');
      }
    }
  }
  collect();
}
