/**
 * `stateright model NAME --nats URL --shards P`: the bundled model checked by BFS on a cluster
 * of `stateright worker` processes (src/cluster/). Workers load the catalog from their own
 * installation, so the job names it by {@link CATALOG_SPECIFIER} rather than by a path.
 */
import { checkOnCluster, type ClusterCheckResult } from '../src/cluster/index.js';
import { formatProgress } from '../src/checker/index.js';
import { CATALOG_MODULE } from './catalog-model.js';
import type { SizeSettings } from './model-catalog.js';
import type { ProgressSink } from './progress.js';
import type { LivenessMode } from '../src/checker/liveness-check.js';

/** How a job names the bundled catalog; each worker maps it to its own catalog module. */
export const CATALOG_SPECIFIER = 'stateright:catalog';

export interface ClusterPlan {
  readonly name: string;
  readonly settings: SizeSettings;
  readonly nats: string;
  readonly shards: number;
  readonly replicas?: number;
  readonly targetMaxDepth?: number;
  readonly targetStateCount?: number;
  readonly timeoutMs?: number;
  /**
   * How eventually properties are checked: `stateright` on the shards (terminal paths, each state
   * with the parent it keeps); `sound` on the explored graph, which needs the whole graph in one
   * place, so the coordinator explores the model once more on its own machine.
   */
  readonly liveness: LivenessMode;
}

export function checkCatalogOnCluster(p: ClusterPlan, stderr: ProgressSink): Promise<ClusterCheckResult<unknown, unknown>> {
  return checkOnCluster({ module: CATALOG_MODULE, export: 'catalogModel', args: [p.name, p.settings] }, {
    nats: p.nats,
    shards: p.shards,
    replicas: p.replicas,
    workerModule: CATALOG_SPECIFIER,
    targetMaxDepth: p.targetMaxDepth,
    targetStateCount: p.targetStateCount,
    timeoutMs: p.timeoutMs,
    liveness: p.liveness,
    onProgress: (progress) => void stderr.write(`${formatProgress(progress)}\n`),
    onNotice: (line) => void stderr.write(`cluster: ${line}\n`),
  });
}
