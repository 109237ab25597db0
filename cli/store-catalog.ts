/**
 * The replicated stores `stateright model <name>` can check: the Raft key-value store (stores/)
 * and its broken variants, each broken one with the scripted start and election schedule that
 * expose its flaw (see stores/raft-kv-variants.ts).
 */
import { sequenceChart, type SequenceChart } from '../src/actor/index.js';
import type { Model, Path } from '../src/checker/index.js';
import { RAFT_BROKEN_VARIANTS, RAFT_FLAW_SUMMARY, raftKvSystem, type RaftKvOptions, type RaftKvSystem } from '../stores/index.js';
import type { CatalogEntry, CheckableModel, SizeSettings } from './model-catalog.js';

function checkable(system: RaftKvSystem, configuration: string): CheckableModel {
  return {
    model: system as unknown as Model<unknown, unknown>,
    configuration,
    describeAction: (a) => system.describeAction(a as Parameters<typeof system.describeAction>[0]),
    describeState: (s) => system.formatState(s as Parameters<typeof system.formatState>[0]),
    chart: (path: Path<unknown, unknown>, property: string): SequenceChart =>
      sequenceChart(system, path as unknown as Parameters<typeof sequenceChart<never, never, never, never, never, never>>[1], {
        property,
        laneLabel: (id) => system.roleName(id),
      }),
    actorLabel: (id) => system.roleName(id),
  };
}

function describe(system: RaftKvSystem, s: SizeSettings, options: RaftKvOptions): string {
  const crashes = s['max-crashes'] > 0 ? `, up to ${s['max-crashes']} crashed server${s['max-crashes'] === 1 ? '' : 's'}` : '';
  const schedule = options.electionSchedule ? `, elections by servers ${options.electionSchedule.join(', ')} in turn` : `, terms up to ${system.maxTerm}`;
  const start = options.startAfter ? `, from a scripted start of ${options.startAfter.length} steps` : '';
  return `${s.servers} servers, ${s.clients} client${s.clients === 1 ? '' : 's'}, ${s.network}${s.lossy ? ' lossy' : ''} network${crashes}${schedule}${start}`;
}

function entry(name: string, summary: string, options: RaftKvOptions, flaw?: string): CatalogEntry {
  return {
    name,
    summary,
    flaw,
    defaults: {
      servers: 3,
      clients: options.clients ?? 2,
      network: options.network ?? 'unordered-duplicating',
      lossy: options.lossy ?? true,
      'max-crashes': options.maxCrashes ?? 1,
    },
    strategy: 'bfs',
    async build(s) {
      const chosen: RaftKvOptions = { ...options, servers: s.servers, clients: s.clients, network: s.network, lossy: s.lossy, maxCrashes: s['max-crashes'] };
      const system = raftKvSystem(chosen);
      return checkable(system, describe(system, s, chosen));
    },
  };
}


export const STORE_CATALOG: readonly CatalogEntry[] = [
  entry(
    'raft-kv',
    'a Raft key-value store (put, get, cas; reads through the log; de-duplicated clients; term, vote and log on stable storage): ' +
      'linearizable per key, election safety, state machine safety; the full bounds do not finish quickly, so give --max-depth or --timeout',
    {},
  ),
  ...RAFT_BROKEN_VARIANTS.map((v) => entry(v.name, `BROKEN Raft store: ${RAFT_FLAW_SUMMARY[v.flaw]}`, { ...v.options, flaws: [v.flaw], properties: [v.property] }, v.story)),
];

