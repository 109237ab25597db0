/**
 * The entry point of a checker worker thread: hands the coordinator's messages to a
 * {@link WorkerSession}, strictly one at a time and in order. Internal.
 */
import { parentPort } from 'node:worker_threads';
import { WorkerSession } from './worker-session.js';
import type { ToWorker } from './worker-protocol.js';

const port = parentPort!;
const session = new WorkerSession((message, transfer = []) => port.postMessage(message, transfer));
let chain = Promise.resolve();
port.on('message', (m: ToWorker) => {
  chain = chain.then(() => session.handle(m));
});
