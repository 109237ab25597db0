/**
 * Workers, `bench:checker` and `stateright model --workers` build the bundled models through
 * catalogModel's wrapper. A member the wrapper forgets still checks correctly, only slower and in
 * more memory (a dropped stateCodec once did exactly that), or, for fairClass, with every action
 * unfair in a liveness check (a wrong counterexample), so it is pinned here.
 */
import { describe, expect, it } from 'vitest';
import { catalogModel } from '../../cli/catalog-model.js';
import { MODEL_NAMES, findModel } from '../../cli/model-catalog.js';
import type { SizeSettings } from '../../cli/model-catalog.js';

const OPTIONAL_MEMBERS = ['withinBoundary', 'formatAction', 'formatState', 'stateCodec', 'fairClass'] as const;

describe('catalogModel', () => {
  for (const name of MODEL_NAMES) {
    it(`${name}: carries every optional member of the model it wraps`, async () => {
      const entry = (await findModel(name))!;
      const settings = { ...entry.defaults } as SizeSettings;
      const { model } = await entry.build(settings);
      const wrapped = await catalogModel(entry.name, settings);
      for (const member of OPTIONAL_MEMBERS) expect([member, wrapped[member] !== undefined]).toEqual([member, model[member] !== undefined]);
    });
  }

  it('two-phase-commit queues its states as words', async () => {
    expect((await catalogModel('two-phase-commit', { rms: 3 } as SizeSettings)).stateCodec?.words).toBe(3);
  });
});
