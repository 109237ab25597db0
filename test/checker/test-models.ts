import { always, eventually, sometimes, type Model, type Property } from '../../src/checker/index.js';

/** A graph given by paths; init states are the distinct first nodes, actions the successors (both ascending). */
export function graphModel(paths: number[][], extra: Property<number>[] = []): Model<number, number> {
  const inits = [...new Set(paths.map((p) => p[0]))].sort((a, b) => a - b);
  const edges = new Map<number, Set<number>>();
  for (const p of paths) {
    for (let i = 0; i + 1 < p.length; i++) {
      if (!edges.has(p[i])) edges.set(p[i], new Set());
      edges.get(p[i])!.add(p[i + 1]);
    }
  }
  return {
    initStates: () => inits,
    actions: (s, out) => {
      out.push(...[...(edges.get(s) ?? [])].sort((a, b) => a - b));
    },
    nextState: (_s, a) => a,
    properties: () => [eventually<number>('odd', (s) => s % 2 === 1), ...extra],
  };
}

/** Stateright's symmetry test model: two processes Loading → Running ⇄ Paused. */
export const Proc = { Paused: 0, Loading: 1, Running: 2 } as const;
export type SysState = readonly [number, number];

export const sysModel: Model<SysState, 0 | 1> = {
  initStates: () => [[Proc.Loading, Proc.Loading]],
  actions: (_s, out) => {
    out.push(0, 1);
  },
  nextState: (s, i) => {
    const t: [number, number] = [s[0], s[1]];
    t[i] = s[i] === Proc.Running ? Proc.Paused : Proc.Running;
    return t;
  },
  properties: () => [
    always('true', () => true),
    sometimes('paused', (s) => s[0] === Proc.Paused || s[1] === Proc.Paused),
  ],
};

export const sysRepresentative = (s: SysState): SysState => [Math.min(s[0], s[1]), Math.max(s[0], s[1])];
