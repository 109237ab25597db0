/**
 * How soon V8 optimises the code of `stateright check`, for the first fraction of a second.
 *
 * Why: V8 hands a function to its optimising compiler (TurboFan) once the function has run
 * about 66 KB of bytecode (its interrupt budget). Checking a few small files, as Porcupine's six
 * kv logs are, makes dozens of reading and search functions that warm, and compiling them cost
 * more CPU than running them: `--cpu-prof` and the per-thread CPU times showed the compiler
 * threads using as much CPU as the main thread, on a 2-core machine where they compete with it.
 * With a budget 16 times larger for the first 300 ms of the process's CPU time in the check,
 * only the code that really runs long is compiled; the rest finishes in the baseline tier. CPU
 * time, not wall time, so that a loaded machine does not end the window before the work is done.
 * A file over 2 MB ends the window at once: reading it alone repays compiling its reader.
 * After the window (checked between files and at each progress report of a search, every quarter second)
 * the default budget is back, so a long check optimises as it always did, having lost at most a
 * few milliseconds per hot function. Figures: docs/performance.md, "Key-value histories".
 *
 * Only on Node 20's V8 (11.3), where the default is known and the effect was measured; elsewhere
 * (V8s with Maglev tier differently), and when the user sets the budget on the command line or in
 * NODE_OPTIONS, nothing is changed. The flag changes no result, only when code is optimised.
 */
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/** V8 11.3's default interrupt budget (`node --v8-options`). */
const DEFAULT_BUDGET = 67_584;
const SHORT_RUN_BUDGET = 16 * DEFAULT_BUDGET;
/** The window, in microseconds of the process's CPU time (all threads), from the start of the check. */
const SHORT_RUN_CPU_US = 300_000;

/** A file this large is read for long enough to repay compiling its reader: it is read with the default budget. */
const LARGE_FILE_BYTES = 2 * 1024 * 1024;

export interface ShortRunTiering {
  /** Restores the default budget once the short-run time is over; cheap, call it often. */
  settle(): void;
  /** Before checking the file at `path`: settles, and restores the default budget at once if the file is large. */
  beforeFile(path: string): void;
  /** After the check: restores the default budget, for whatever the process does next. */
  end(): void;
}

/** Raises the budget for the start of a check (when it applies) and returns what restores it. */
export function startShortRunTiering(): ShortRunTiering {
  const userSet = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((arg) => arg.includes('interrupt-budget'));
  if (userSet || !process.versions.v8.startsWith('11.3.')) return { settle: () => {}, beforeFile: () => {}, end: () => {} };
  setFlagsFromString(`--interrupt-budget=${SHORT_RUN_BUDGET}`);
  const start = process.cpuUsage();
  let raised = true;
  const restore = (): void => {
    raised = false;
    setFlagsFromString(`--interrupt-budget=${DEFAULT_BUDGET}`);
  };
  const settle = (): void => {
    if (!raised) return;
    const used = process.cpuUsage(start);
    if (used.user + used.system >= SHORT_RUN_CPU_US) restore();
  };
  return {
    settle,
    beforeFile(path) {
      settle();
      if (raised && fileBytes(path) > LARGE_FILE_BYTES) restore();
    },
    end() {
      if (raised) restore();
    },
  };
}

/** The size of the file at `path`; 0 when it cannot be read (the check then reports why). */
function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
