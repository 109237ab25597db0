/**
 * The worker thread's entry (see worker-check.ts): builds the model with the factory it was given
 * and runs the background check, reporting to the server's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from '../checker/model-spec.js';
import { serveCheck, type WorkerData } from './worker-check.js';

const data = workerData as WorkerData;
const model = await loadModel<unknown, unknown>(data.factory);
if (parentPort === null) throw new Error('check-worker.js runs only as a worker thread');
serveCheck(parentPort, model, data.options);
