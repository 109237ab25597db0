/**
 * A system module (src/system) as a catalog entry: the bundled register protocols and a user's
 * `--module FILE --export NAME` alike. Its own module because it loads the system layer (message
 * schemas and all), which the catalog's other models do not need.
 */
import type { Model } from '../src/checker/index.js';
import { DEFAULT_FAIR_KINDS } from '../src/actor/fairness.js';
import { SystemModel } from '../src/system/model.js';
import { systemSettings, type AnySystem } from '../src/system/system.js';
import { actorCharts } from './actor-charts.js';
import { REGISTER_CONSISTENCIES, type CatalogEntry } from './model-catalog.js';

export function systemEntry(system: AnySystem): CatalogEntry {
  const d = systemSettings(system);
  const levels = system.consistency.levels;
  const usual = levels === undefined || (levels.length === 1 && levels[0] === 'linearizable');
  return {
    name: system.name,
    summary: system.summary,
    flaw: system.flaw,
    defaults: {
      servers: d.servers,
      clients: d.clients,
      network: d.network,
      lossy: d.lossy,
      'max-crashes': d.maxCrashes,
      'sequential-consistency': false,
      ...(system.reliableLink === true ? { 'reliable-link': d.reliableLink === true, 'link-keeps-ignored': d.linkKeepsIgnored === true } : {}),
      ...(system.livenessProperties !== undefined ? { liveness: d.liveness === true, fair: d.fair ?? DEFAULT_FAIR_KINDS } : {}),
      // Listed only when it differs from the usual (linearizable), so the listing stays as it was.
      ...(usual ? {} : { consistency: levels }),
    },
    strategy: system.defaults?.strategy ?? 'bfs',
    workload: true,
    async build(s) {
      const checked = new Set(s.consistency ?? d.consistency);
      if (s['sequential-consistency']) checked.add('sequential');
      const model = new SystemModel(system, {
        servers: s.servers,
        clients: s.clients,
        network: s.network,
        lossy: s.lossy,
        maxCrashes: s['max-crashes'],
        consistency: REGISTER_CONSISTENCIES.filter((c) => checked.has(c)),
        liveness: s.liveness,
        reliableLink: s['reliable-link'],
        linkKeepsIgnored: s['link-keeps-ignored'],
        fair: s.fair,
        ...s.workload,
      });
      return {
        model: model as unknown as Model<unknown, unknown>,
        configuration: model.describeConfiguration(),
        describeAction: (a) => model.describeAction(a as Parameters<typeof model.describeAction>[0]),
        describeState: (state) => model.formatState(state as Parameters<typeof model.formatState>[0]),
        chart: actorCharts(model, (id) => model.roleName(id)),
        actorLabel: (id) => model.roleName(id),
      };
    },
  };
}
