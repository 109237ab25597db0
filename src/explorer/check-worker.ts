/**
 * The worker thread's entry (see worker-check.ts): builds the model with the factory it was given
 * and runs the background check, reporting to the server's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Model } from '../checker/index.js';
import { serveCheck, type WorkerData } from './worker-check.js';

const data = workerData as WorkerData;
const exported = ((await import(data.factory.module)) as Record<string, unknown>)[data.factory.exportName];
if (typeof exported !== 'function') throw new Error(`${data.factory.module} exports no function named ${data.factory.exportName}`);
if (parentPort === null) throw new Error('check-worker.js runs only as a worker thread');
serveCheck(parentPort, exported(data.factory.args) as Model<unknown, unknown>, data.options);
