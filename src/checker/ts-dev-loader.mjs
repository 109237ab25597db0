// Development only: lets a worker thread import the TypeScript sources (when the checker itself
// runs from .ts, e.g. under vitest). `.js` specifiers that do not exist resolve to `.ts`, which
// are transpiled with the TypeScript compiler (a dev dependency, loaded only on a cache miss);
// outputs are cached in node_modules/.cache by file, size and modification time, since every
// worker of every test process would otherwise transpile the same files again. Built packages
// never use this.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/stateright-ts-workers/', import.meta.url));
let compiler;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('.') || specifier.startsWith('file:') || specifier.startsWith('/');
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && relative && specifier.endsWith('.js')) {
      return next(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const file = fileURLToPath(url);
  const { size, mtimeMs } = await stat(file);
  const cached = `${cacheDir}${createHash('sha1').update(`${file}\0${size}\0${mtimeMs}`).digest('hex')}.js`;
  try {
    return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  } catch {
    // not cached yet
  }
  compiler ??= (await import('typescript')).default;
  const output = compiler.transpileModule(await readFile(file, 'utf8'), {
    fileName: url,
    compilerOptions: { module: compiler.ModuleKind.ESNext, target: compiler.ScriptTarget.ES2022, sourceMap: false },
  });
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, output.outputText);
  await rename(temporary, cached);
  return { format: 'module', source: output.outputText, shortCircuit: true };
}
