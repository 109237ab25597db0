/**
 * immutable.js, loaded with `require`. The package's entry is CommonJS (its ES build is named only
 * in the non-standard "module" field, which Node ignores), and Node imports CommonJS into an ES
 * module by translating it, which for immutable's 212 kB cost about 8 MB of resident memory and
 * two to three times the load time of `require` (`node -e` on Node 20, the 2-core development
 * machine). Every model run loads it (fingerprints and the actor layer ask whether a value is an
 * immutable collection), so a run of a small model carried those 8 MB to its peak.
 */
import { createRequire } from 'node:module';

export const Immutable = createRequire(import.meta.url)('immutable') as typeof import('immutable');
