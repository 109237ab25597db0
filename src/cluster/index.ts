/**
 * Model checking on a cluster: BFS over shards held by worker processes, through NATS JetStream.
 */
export { checkOnCluster, ClusterCheckResult, type ClusterCheckOptions, type ClusterTraffic } from './coordinator.js';
export { runWorker, type WorkerOptions, type JobHandler } from './worker.js';
export { ClusterError } from './nats.js';
