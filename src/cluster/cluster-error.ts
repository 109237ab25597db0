/** The error of a cluster run that cannot go on (no server, a model without a codec, a worker that cannot search). */
export class ClusterError extends Error {
  override name = 'ClusterError';
}
