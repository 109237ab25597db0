/**
 * The heartbeat thread of a job loop (heartbeat.ts): publishes the latest message the shard
 * thread gave it every `everyMs`, with `busyMs` when the shard thread's event loop has not
 * turned for a while. Internal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromHeartbeat, HeartbeatData, ToHeartbeat } from './heartbeat.js';
import { connectCluster, toJson, closeConnection } from './nats.js';

const data = workerData as HeartbeatData;
const turns = new Int32Array(data.turns);
let saying: ToHeartbeat = {};
let stopped = false;
parentPort?.on('message', (m: ToHeartbeat) => {
  if (m === 'stop') stopped = true;
  else saying = m;
});
const post = (m: FromHeartbeat): void => parentPort?.postMessage(m);

try {
  const nc = await connectCluster(data.nats, 'stateright worker heartbeat');
  post({ ready: true });
  let lastTurns = Atomics.load(turns, 0);
  let lastTurnAt = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (stopped) {
        clearInterval(timer);
        resolve();
        return;
      }
      const now = Date.now();
      const t = Atomics.load(turns, 0);
      if (t !== lastTurns) [lastTurns, lastTurnAt] = [t, now];
      const busyMs = now - lastTurnAt;
      // A turn is counted at least every half beat; two beats without one is worth telling.
      if (saying === 'stop' || saying.subject === undefined) return;
      const { subject, message } = saying;
      nc.publish(subject, toJson(busyMs >= 2 * data.everyMs ? { ...message, busyMs } : message));
    }, data.everyMs);
  });
  await closeConnection(nc);
} catch (error) {
  post({ log: `heartbeat: ${(error as Error).message}` });
}
parentPort?.close();
