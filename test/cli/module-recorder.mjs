// Test helper: a module hook that appends every module URL the process loads to the file named
// by STATERIGHT_MODULE_LOG, one per line (hooks run on their own thread, so it writes directly).
import { appendFileSync } from 'node:fs';
import process from 'node:process';

export async function load(url, context, next) {
  const log = process.env.STATERIGHT_MODULE_LOG;
  if (log) appendFileSync(log, `${url}\n`);
  return next(url, context);
}
