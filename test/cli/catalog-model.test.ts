/**
 * Workers, `bench:checker` and `stateright model --workers` build the bundled models through
 * catalogModel's wrapper. A member the wrapper forgets still checks correctly, only slower and in
 * more memory (a dropped stateCodec once did exactly that), so it is pinned here.
 */
import { describe, expect, it } from 'vitest';
import { catalogModel } from '../../cli/catalog-model.js';
import { CATALOG } from '../../cli/model-catalog.js';
import type { SizeSettings } from '../../cli/model-catalog.js';

const OPTIONAL_MEMBERS = ['withinBoundary', 'formatAction', 'formatState', 'stateCodec'] as const;

describe('catalogModel', () => {
  for (const entry of CATALOG) {
    it(`${entry.name}: carries every optional member of the model it wraps`, () => {
      const settings = { ...entry.defaults } as SizeSettings;
      const { model } = entry.build(settings);
      const wrapped = catalogModel(entry.name, settings);
      for (const member of OPTIONAL_MEMBERS) expect([member, wrapped[member] !== undefined]).toEqual([member, model[member] !== undefined]);
    });
  }

  it('two-phase-commit queues its states as words', () => {
    expect(catalogModel('two-phase-commit', { rms: 3 } as SizeSettings).stateCodec?.words).toBe(3);
  });
});
