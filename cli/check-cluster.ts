/**
 * `stateright check FILES --nats URL`: the check of cli/check-command.ts with the partitions
 * searched by `stateright worker` processes (src/cluster/history-check.ts). Loaded only when
 * `--nats` is given, so that a plain check loads nothing of the cluster.
 */
import { clusterHistoryChecker } from '../src/cluster/history-check.js';
import { EXIT_INPUT_ERROR, runCheckAndRender, type CheckArguments, type CheckIo } from './check-command.js';

export async function runClusterCheck(args: CheckArguments, io: CheckIo): Promise<number> {
  if (args.consistency !== 'linearizable' && args.consistency !== 'sequential') {
    io.stderr.write(`stateright check: --nats checks linearizability and sequential consistency; --consistency ${args.consistency} runs on this machine only\n`);
    return EXIT_INPUT_ERROR;
  }
  if (args.checkClocks === true) {
    io.stderr.write('stateright check: --check-clocks runs on this machine only (leave out --nats)\n');
    return EXIT_INPUT_ERROR;
  }
  const remote = clusterHistoryChecker({ nats: args.nats as string, onNotice: (line) => void io.stderr.write(`cluster: ${line}\n`) });
  return runCheckAndRender(args, io, remote);
}
