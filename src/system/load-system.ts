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

const isTypeScript = (module: string): boolean => /\.[mc]?ts$/.test(module);

/** Node's errors for a TypeScript file it will not run. */
const TYPESCRIPT_ERRORS = new Set(['ERR_UNKNOWN_FILE_EXTENSION', 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX', 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING']);

/**
 * What to do when Node (of `version`) refused a TypeScript module with `code`. Node strips types
 * from 22.6 with --experimental-strip-types, and without the flag from 22.18 and 23.6; type
 * stripping takes erasable syntax only (no enums, namespaces or parameter properties) and never
 * files under node_modules.
 */
export function typeScriptAdvice(version: string, code: string): string {
  const compile = 'compile it to JavaScript (tsc) and pass the .js file';
  if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') {
    return `it uses TypeScript that Node cannot strip (enums, namespaces, parameter properties: only erasable syntax runs as it is); ${compile}`;
  }
  if (code === 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') return `Node does not strip types from files under node_modules; ${compile}`;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const byDefault = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
  const withFlag = major === 23 || (major === 22 && minor >= 6);
  const flag = 'NODE_OPTIONS=--experimental-strip-types';
  if (byDefault) return `Node ${version} runs TypeScript unless type stripping is turned off (--no-experimental-strip-types); ${compile}`;
  if (withFlag) return `Node ${version} runs TypeScript only with --experimental-strip-types (${flag}); or ${compile}`;
  return `Node ${version} does not run TypeScript; ${compile}, or use a Node that strips types: 22.18 or 23.6 and later as they are, 22.6 and later with ${flag}`;
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
        : isTypeScript(spec.module) && e.code !== undefined && TYPESCRIPT_ERRORS.has(e.code)
          ? typeScriptAdvice(process.versions.node, e.code)
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
