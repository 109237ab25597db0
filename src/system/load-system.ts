/**
 * Loading a user's system module by spec, `{module, export, args}` (the spec every API that
 * loads code by name takes): the module is imported, the export is a system module or a
 * function returning one (called with `args`). Each failure is one clear sentence.
 */
import { ModelSpecError, moduleUrl, type ModelSpec } from '../checker/model-spec.js';
import { isSystemModule, type AnySystem } from './system.js';

export type SystemSpec = ModelSpec;

/** `--args '[3, "x"]'` or `--args '{"n": 3}'` → the arguments (an object or value is one argument). */
export function parseSystemArgs(text: string | undefined): readonly unknown[] {
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelSpecError(`--args must be JSON, e.g. '[3]' or '{"servers": 3}' (${(error as Error).message})`);
  }
  return Array.isArray(value) ? value : [value];
}

/** Imports the module and returns the system module it exports under `spec.export`. */
export async function loadSystem(spec: SystemSpec): Promise<AnySystem> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(moduleUrl(spec))) as Record<string, unknown>;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason =
      e.code === 'ERR_MODULE_NOT_FOUND' && e.message.includes(spec.module.replace(/^\.\//, ''))
        ? 'no such file'
        : e.code === 'ERR_UNKNOWN_FILE_EXTENSION'
          ? `Node cannot load ${spec.module.slice(spec.module.lastIndexOf('.'))} files here; compile it to JavaScript, or see docs/own-protocol.md for TypeScript on Node 22`
          : e.message.split('\n')[0];
    throw new ModelSpecError(`cannot load module ${spec.module}: ${reason}`);
  }
  if (!(spec.export in mod)) {
    const names = Object.keys(mod).sort().join(', ');
    throw new ModelSpecError(`${spec.module}: no export named "${spec.export}"; its exports: ${names === '' ? 'none' : names}`);
  }
  let value = mod[spec.export];
  if (typeof value === 'function') {
    try {
      value = (value as (...a: unknown[]) => unknown)(...(spec.args ?? []));
    } catch (error) {
      throw new ModelSpecError(`${spec.module}: ${spec.export}(${(spec.args ?? []).map((a) => JSON.stringify(a)).join(', ')}) failed: ${(error as Error).message}`);
    }
  } else if (spec.args !== undefined && spec.args.length > 0) {
    throw new ModelSpecError(`${spec.module}: export "${spec.export}" is not a function, so it takes no --args`);
  }
  if (!isSystemModule(value)) {
    throw new ModelSpecError(
      `${spec.module}: export "${spec.export}" is not a system module (an object made by defineSystem, with name, messages, server, client and consistency), nor a function returning one`,
    );
  }
  return value;
}
