/**
 * Bundles `stateright check`'s usual path into dist/cli/check-bundle.js (run by `npm run build`,
 * after tsc). Node's ES module loader resolves, reads and links every module a process imports,
 * and for the 70 or so modules of a plain check that was about half of the command's CPU time
 * above Node's own start-up (docs/performance.md); one file takes that away.
 *
 * What it holds: cli/check-fast.js and what it imports, with the parts loaded on demand (the
 * renderer, the causal checker, run reports) as chunks beside it, plus the history-checking worker
 * thread's entry as dist/cli/check-worker.js: histories/parallel-check.ts starts that thread from
 * `./check-worker.js` beside its own module, which in the bundle is dist/cli/. Packages stay
 * outside (imported from node_modules as before). `check --nats` (cli/check-cluster.ts, which
 * starts threads from files beside src/cluster/) is left to the modules themselves: the fast path
 * declines it (cli/check-fast.ts).
 *
 * cli/main.ts uses the bundle only when it is at least as new as check-fast.js, so a tsc build
 * without this step never runs a stale bundle.
 */
import { readdirSync, rmSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
/** A package or a Node built-in (left outside), not one of the project's own modules. */
const bare = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');

// The chunks of an earlier build (their names carry a hash of their contents).
for (const name of readdirSync(`${dist}cli`)) if (/^check-bundle-.*\.js$/.test(name)) rmSync(`${dist}cli/${name}`);

const bundle = await rolldown({
  input: { 'check-bundle': `${dist}cli/check-fast.js`, 'check-worker': `${dist}histories/check-worker.js` },
  platform: 'node',
  external: bare,
  logLevel: 'warn',
});
await bundle.write({ dir: `${dist}cli`, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'check-bundle-[name]-[hash].js' });
await bundle.close();
