/**
 * The catalog finds a model by the names each family declares, before loading the family: those
 * names must be exactly the models the family loads, or a model would be unreachable by name (or a
 * name would find nothing). Finding a model must load only its own modules.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_FAMILIES, MODEL_NAMES, catalogEntries, findModel } from '../../cli/model-catalog.js';
import { runCliFromSource } from './cli-from-source.js';

describe('the model catalog', () => {
  it('declares each family by the names of the models it loads, in order', async () => {
    for (const family of CATALOG_FAMILIES) expect((await family.load()).map((e) => e.name)).toEqual(family.names);
  });

  it('lists every model once, in the order findModel finds them', async () => {
    const names = (await catalogEntries()).map((e) => e.name);
    expect(names).toEqual(MODEL_NAMES);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect((await findModel(name))?.name).toBe(name);
    expect(await findModel('no-such-model')).toBeUndefined();
  });

  it('`stateright model two-phase-commit` loads neither the register protocols, nor the system layer, nor the stores', () => {
    const run = runCliFromSource(['model', 'two-phase-commit', '--rms', '2', '--workers', '1']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.modules.some((url) => url.endsWith('/src/examples/two-phase-commit.ts'))).toBe(true);
    const unneeded = ['/register-models/', '/src/system/model', '/stores/', '@sinclair/typebox'];
    expect(run.modules.filter((url) => unneeded.some((part) => url.includes(part)))).toEqual([]);
  }, 60_000);

  it('`stateright model paxos` loads the register protocols, and the recording sees them', () => {
    const run = runCliFromSource(['model', 'paxos', '--clients', '1', '--workers', '1']);
    expect(run.status).toBe(0);
    expect(run.modules.some((url) => url.endsWith('/register-models/paxos.ts'))).toBe(true);
  }, 60_000);
});
