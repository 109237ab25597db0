// Development only: a worker that must run TypeScript sources starts here, registers the
// transpiling loader, then imports the real worker entry named in workerData.
import { register } from 'node:module';
import { URL } from 'node:url';
import { workerData } from 'node:worker_threads';

register(new URL('./ts-dev-loader.mjs', import.meta.url));
await import(workerData.entry);
