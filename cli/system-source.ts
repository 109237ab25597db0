/**
 * Which system a command runs: a bundled one by name, or a user's system module
 * (`--module FILE --export NAME [--args JSON]`). The same three options on model, explore,
 * serve and load.
 */
import type { Argv } from 'yargs';
import { ModelSpecError } from '../src/checker/model-spec.js';
import { loadSystem, parseSystemArgs, type SystemSpec } from '../src/system/load-system.js';
import type { AnySystem } from '../src/system/system.js';

export interface ModuleArguments {
  readonly module?: string;
  readonly export?: string;
  readonly args?: string;
}

export class SystemSourceError extends Error {}

/** The spec `--module`, `--export` and `--args` name, or undefined without `--module`. */
export function systemSpec(args: ModuleArguments): SystemSpec | undefined {
  if (args.module === undefined) {
    if (args.export !== undefined || args.args !== undefined) throw new SystemSourceError('--export and --args go with --module FILE');
    return undefined;
  }
  if (args.export === undefined) throw new SystemSourceError('--module needs --export NAME: the export that holds the system module');
  try {
    return { module: args.module, export: args.export, args: parseSystemArgs(args.args) };
  } catch (error) {
    if (error instanceof ModelSpecError) throw new SystemSourceError(error.message);
    throw error;
  }
}

/** Loads the system `--module` names; errors are one line (a SystemSourceError). */
export async function loadSystemFrom(spec: SystemSpec): Promise<AnySystem> {
  try {
    return await loadSystem(spec);
  } catch (error) {
    if (error instanceof ModelSpecError) throw new SystemSourceError(error.message);
    throw error;
  }
}

/** The three options, as a table that yargs and the model command's fast path (model-fast.ts) both read. */
export const MODULE_OPTIONS = {
  module: { describe: 'a JavaScript module (or TypeScript, where Node loads it) that exports a system module', type: 'string' },
  export: { describe: 'with --module: the export holding the system (or a function returning one)', type: 'string' },
  args: { describe: 'with --module: JSON arguments for an exported function, e.g. \'[3]\' or \'{"replicas":3}\'', type: 'string' },
} as const;

export function addModuleOptions<T>(yargs: Argv<T>): Argv<T> {
  return yargs.options(MODULE_OPTIONS) as unknown as Argv<T>;
}
