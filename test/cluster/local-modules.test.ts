/**
 * A local run loads nothing of the cluster: `stateright model` and `stateright check` import the
 * NATS client (and src/cluster/) only when `--nats` is given, so that they start as fast as they
 * did without it. No NATS server is needed.
 */
import { describe, expect, it } from 'vitest';
import { runCliFromSource } from '../cli/cli-from-source.js';

const CLUSTER_ONLY = ['/node_modules/@nats-io/', '/src/cluster/', '/cli/model-cluster', '/cli/check-cluster'];

function clusterModulesLoaded(args: readonly string[]): readonly string[] {
  const run = runCliFromSource(args);
  expect(run.status, run.stderr).toBe(0);
  expect(run.modules.length).toBeGreaterThan(10);
  return run.modules.filter((url) => CLUSTER_ONLY.some((part) => url.includes(part)));
}

describe('a local run does not load the cluster', () => {
  it('stateright model', () => {
    expect(clusterModulesLoaded(['model', 'two-phase-commit', '--rms', '2', '--workers', '1'])).toEqual([]);
  }, 60_000);

  it('stateright check', () => {
    expect(clusterModulesLoaded(['check', 'histories/examples/register-valid.edn'])).toEqual([]);
  }, 60_000);
});
