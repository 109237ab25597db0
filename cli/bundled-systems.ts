/**
 * The bundled systems `serve` and `load` run by name: the register protocols, then the Raft store
 * and its stale-read variant. Its own module because it loads every one of them, which
 * `stateright model` and `explore` (they share system-source.ts) do not need.
 */
import { REGISTER_SYSTEMS } from '../register-models/index.js';
import { STORE_SYSTEMS } from '../stores/raft-kv-store.js';
import type { AnySystem } from '../src/system/system.js';

export const BUNDLED_SYSTEMS: readonly AnySystem[] = [...REGISTER_SYSTEMS, ...STORE_SYSTEMS] as unknown as readonly AnySystem[];
