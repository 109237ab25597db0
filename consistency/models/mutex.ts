import { ILLEGAL } from '../model.js';
import type { SequentialModel } from '../model.js';

export type MutexInput = { readonly f: 'acquire' } | { readonly f: 'release' };
/** Mutex operations carry no output (use null). */
export type MutexOutput = null;

/** A lock: acquire needs it free, release needs it held. The state is "held". */
export function mutexModel(init = false): SequentialModel<boolean, MutexInput, MutexOutput> {
  return {
    name: 'mutex',
    init,
    step(held, input) {
      if (input.f === 'acquire') return held ? ILLEGAL : true;
      return held ? false : ILLEGAL;
    },
    equals: (a, b) => a === b,
    respond: () => null,
    hash: (held) => (held ? 1 : 0),
    describeOperation: (input) => input.f,
    describeState: (held) => (held ? 'held' : 'free'),
    explainRejection: (held, input) =>
      input.f === 'acquire' ? 'acquire requires the mutex to be free, but it is held' : 'release requires the mutex to be held, but it is free',
  };
}
