/**
 * Model checking on a cluster: BFS over shards held by worker processes, through NATS JetStream.
 */
export { checkOnCluster, ClusterCheckResult, type ClusterCheckOptions, type ClusterTraffic } from './coordinator.js';
export { runWorker, type WorkerOptions } from './worker.js';
export { runWorkers, type WorkerThreadsOptions } from './worker-threads.js';
export { clusterHistoryChecker, type ClusterHistoryOptions } from './history-check.js';
export { ClusterError } from './nats.js';
