/**
 * Starts a thread on a module of this folder: the compiled `.js` in a build, the `.ts` through
 * the development loader when the sources run as they are (tests, `--import` of the loader).
 * Internal.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';

export function startClusterThread(entry: string, workerData: object, transferList?: readonly TransferListItem[]): Worker {
  const transfer = transferList === undefined ? undefined : [...transferList];
  return import.meta.url.endsWith('.ts')
    ? new Worker(new URL('../checker/worker-dev-bootstrap.mjs', import.meta.url), {
        workerData: { ...workerData, entry: new URL(`./${entry}.ts`, import.meta.url).href },
        transferList: transfer,
      })
    : new Worker(new URL(`./${entry}.js`, import.meta.url), { workerData, transferList: transfer });
}
