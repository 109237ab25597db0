/**
 * The settings of a `stateright model` or `explore` run from its arguments: which model (a
 * bundled one by name, or `--module`), its size options and its workload options, each checked
 * with a one-line usage error.
 */
import { ELECTION_TIMEOUTS, MODEL_NAMES, NETWORKS, REGISTER_CONSISTENCIES, REGISTER_MODEL_NAMES, findModel, type CatalogEntry, type CheckableModel, type SizeOption, type SizeSettings } from './model-catalog.js';
import type { RegisterConsistency } from '../register-models/index.js';
import type { FairActionKind } from '../src/actor/index.js';
import type { SystemSpec } from '../src/system/load-system.js';
import { SystemSourceError, loadSystemFrom, systemSpec } from './system-source.js';
import { WorkloadOptionError, shapingFlags, workloadArguments } from './workload-options.js';
import type { ModelArguments } from './model-command.js';

export class UsageError extends Error {}

const ARGUMENT_OF: Readonly<Record<SizeOption, keyof ModelArguments>> = {
  rms: 'rms',
  threads: 'threads',
  equation: 'equation',
  'max-nat': 'maxNat',
  servers: 'servers',
  clients: 'clients',
  network: 'network',
  lossy: 'lossy',
  'max-crashes': 'maxCrashes',
  'sequential-consistency': 'sequentialConsistency',
  consistency: 'consistency',
  'election-timeouts': 'electionTimeouts',
  'reliable-link': 'reliableLink',
  'link-keeps-ignored': 'linkKeepsIgnored',
  fair: 'fair',
};

/** What `--fair` takes: action kinds that can be fair (recover only with crashes), or none. */
const FAIR_KINDS: readonly FairActionKind[] = ['deliver', 'timeout', 'recover'];

export function count(option: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${option} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`} (got ${value})`);
  }
  return value;
}

/** The model's size settings: its defaults, overridden by the options given; others are errors. */
export function sizeSettings(entry: CatalogEntry, args: ModelArguments): SizeSettings {
  const applicable = Object.keys(entry.defaults) as SizeOption[];
  // Every register model takes --consistency, whether or not its default differs from linearizable.
  if ('sequential-consistency' in entry.defaults && !applicable.includes('consistency')) applicable.push('consistency');
  for (const option of Object.keys(ARGUMENT_OF) as SizeOption[]) {
    if (args[ARGUMENT_OF[option]] !== undefined && !applicable.includes(option)) {
      const own = applicable.length === 0 ? 'it has no size options' : `its options: ${applicable.map((o) => `--${o}`).join(', ')}`;
      if (option === 'sequential-consistency' || option === 'consistency') {
        throw new UsageError(`--${option} is for register models (${REGISTER_MODEL_NAMES.join(', ')}), and ${entry.name} is not one; ${own}`);
      }
      throw new UsageError(`--${option} does not apply to ${entry.name}; ${own}`);
    }
  }
  const s = { ...entry.defaults } as { -readonly [K in keyof SizeSettings]: SizeSettings[K] };
  if (args.rms !== undefined) s.rms = count('rms', args.rms, 1, 28);
  if (args.threads !== undefined) s.threads = count('threads', args.threads, 1, 12);
  if (args.maxNat !== undefined) s['max-nat'] = count('max-nat', args.maxNat, 0, 1000);
  if (args.servers !== undefined) s.servers = count('servers', args.servers, 1, 9);
  if (args.clients !== undefined) s.clients = count('clients', args.clients, 1, 9);
  if (args.maxCrashes !== undefined) s['max-crashes'] = count('max-crashes', args.maxCrashes, 0, 9);
  if (args.lossy !== undefined) s.lossy = args.lossy;
  if (args.sequentialConsistency !== undefined) s['sequential-consistency'] = args.sequentialConsistency;
  if (args.consistency !== undefined) s.consistency = registerConsistencies(args.consistency);
  if (args.electionTimeouts !== undefined) {
    const timeouts = ELECTION_TIMEOUTS.find((t) => t === args.electionTimeouts);
    if (timeouts === undefined) throw new UsageError(`--election-timeouts must be one of ${ELECTION_TIMEOUTS.join(', ')} (got ${JSON.stringify(args.electionTimeouts)})`);
    s['election-timeouts'] = timeouts;
  }
  if (args.reliableLink !== undefined) s['reliable-link'] = args.reliableLink;
  if (args.linkKeepsIgnored !== undefined) {
    if (s['reliable-link'] !== true) throw new UsageError('--link-keeps-ignored is for --reliable-link; add it');
    s['link-keeps-ignored'] = args.linkKeepsIgnored;
  }
  if (args.fair !== undefined) s.fair = fairKinds(args.fair);
  // --liveness (sound or stateright) also checks the liveness properties of a model that has them.
  if ('liveness' in entry.defaults && args.liveness !== undefined) s.liveness = true;
  if (args.network !== undefined) {
    const kind = NETWORKS.find((n) => n === args.network);
    if (kind === undefined) throw new UsageError(`--network must be one of ${NETWORKS.join(', ')} (got ${JSON.stringify(args.network)})`);
    s.network = kind;
  }
  const shaping = shapingFlags(args);
  if (shaping.length > 0 && entry.workload !== true) {
    throw new UsageError(`${shaping[0]} does not apply to ${entry.name}; the workload options are for system modules (the register models and --module)`);
  }
  try {
    const workload = workloadArguments(args);
    if (entry.workload === true && Object.keys(workload).length > 0) s.workload = workload;
  } catch (error) {
    if (error instanceof WorkloadOptionError) throw new UsageError(error.message);
    throw error;
  }
  if (args.equation !== undefined) {
    const parts = args.equation.split(',').map((p) => Number(p.trim()));
    if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
      throw new UsageError(`--equation must be three integers from 0 to 255, a,b,c (got ${JSON.stringify(args.equation)})`);
    }
    s.equation = [parts[0], parts[1], parts[2]];
  }
  return s as SizeSettings;
}

/** `--fair deliver,timeout` (or `--fair none`): the fair action kinds. */
function fairKinds(value: string): FairActionKind[] {
  const names = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (names.length === 1 && names[0] === 'none') return [];
  const usage = `--fair takes some of ${FAIR_KINDS.join(', ')} (comma-separated), or none`;
  if (names.length === 0) throw new UsageError(`${usage} (got ${JSON.stringify(value)})`);
  const chosen: FairActionKind[] = [];
  for (const name of names) {
    const known = FAIR_KINDS.find((k) => k === name);
    if (known === undefined) throw new UsageError(`${usage} (got ${JSON.stringify(name)})`);
    if (!chosen.includes(known)) chosen.push(known);
  }
  return chosen;
}

/** `--consistency causal linearizable` (or `causal,linearizable`): the register properties to check. */
function registerConsistencies(values: readonly string[]): RegisterConsistency[] {
  const names = values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const chosen: RegisterConsistency[] = [];
  for (const name of names) {
    const known = REGISTER_CONSISTENCIES.find((c) => c === name);
    if (known === undefined) throw new UsageError(`--consistency takes ${REGISTER_CONSISTENCIES.join(', ')} (got ${JSON.stringify(name)})`);
    if (!chosen.includes(known)) chosen.push(known);
  }
  if (chosen.length === 0) throw new UsageError(`--consistency needs at least one of ${REGISTER_CONSISTENCIES.join(', ')}`);
  return chosen;
}

/** The entry's model with `settings`; a setting the model refuses (a RangeError, e.g. keys for a register) is a usage error. */
export async function buildModel(entry: CatalogEntry, settings: SizeSettings): Promise<CheckableModel> {
  try {
    return await entry.build(settings);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** The catalog entry the arguments name: a bundled model, or the system module `--module` loads. */
export async function chosenEntry(args: ModelArguments, verb: string): Promise<{ entry: CatalogEntry; spec?: SystemSpec }> {
  let spec: SystemSpec | undefined;
  try {
    spec = systemSpec(args);
    if (spec !== undefined) {
      if (args.name !== undefined) throw new UsageError(`name a bundled model or give --module, not both (got ${JSON.stringify(args.name)} and --module ${spec.module})`);
      const [{ systemEntry }, system] = await Promise.all([import('./system-entry.js'), loadSystemFrom(spec)]);
      return { entry: systemEntry(system), spec };
    }
  } catch (error) {
    if (error instanceof SystemSourceError) throw new UsageError(error.message);
    throw error;
  }
  if (args.name === undefined) throw new UsageError(`name a model to ${verb} (\`stateright model --list\` lists them), or give --module FILE --export NAME`);
  const entry = await findModel(args.name);
  if (entry === undefined) throw new UsageError(`unknown model ${JSON.stringify(args.name)}; choose one of: ${MODEL_NAMES.join(', ')}`);
  return { entry };
}

