/**
 * Models for the worker tests, exported so that worker threads can load them by name
 * (`{ module, export, args }`): the pinned examples with plain-data arguments, and random graphs.
 */
import { always, eventually, sometimes, type Model, type Property } from '../../src/checker/index.js';
import { ActorModel, type NetworkKind } from '../../src/actor/index.js';
import { abdRegister, paxosRegister, registerSystem, singleCopyRegister } from '../../register-models/index.js';

export { sysModel } from './test-models.js';

const PROTOCOLS = { 'single-copy': singleCopyRegister, abd: abdRegister, paxos: paxosRegister } as const;

/** A register system with 2 clients; `full` replaces its properties by a trivially true one. */
export function register(protocol: keyof typeof PROTOCOLS, servers: number, network: NetworkKind = 'unordered-nonduplicating', full = false) {
  const system = registerSystem(PROTOCOLS[protocol] as typeof singleCopyRegister, { servers, clients: 2, network });
  return full ? new ActorModel({ ...system.config, properties: [always('true', () => true)] }) : system;
}

/** A random state graph as plain data. */
export interface GraphSpec {
  /** Init states (may repeat). */
  readonly inits: readonly number[];
  /** Per node, its actions: a successor node, or -1 for an ignored action. */
  readonly edges: readonly (readonly number[])[];
  /** Nodes outside the boundary (empty: no boundary). */
  readonly outside: readonly number[];
  /** Properties: kind and the nodes where the condition holds. */
  readonly properties: readonly { readonly kind: 'always' | 'sometimes' | 'eventually'; readonly holds: readonly number[] }[];
  /** BFS holds queued states encoded (a node and its complement, two words). */
  readonly codec?: boolean;
}

export function graph(spec: GraphSpec): Model<number, number> {
  const outside = new Set(spec.outside);
  const properties: Property<number>[] = spec.properties.map((p, i) => {
    const holds = new Set(p.holds);
    const make = p.kind === 'always' ? always : p.kind === 'sometimes' ? sometimes : eventually;
    return make<number>(`${p.kind} ${i}`, (s) => holds.has(s));
  });
  return {
    initStates: () => [...spec.inits],
    actions: (s, out) => {
      for (let i = 0; i < spec.edges[s].length; i++) out.push(i);
    },
    nextState: (s, i) => (spec.edges[s][i] < 0 ? undefined : spec.edges[s][i]),
    withinBoundary: outside.size === 0 ? undefined : (s) => !outside.has(s),
    properties: () => properties,
    stateCodec: spec.codec
      ? {
          words: 2,
          canonical: true,
          encode: (node, out, at) => {
            out[at] = node;
            out[at + 1] = ~node;
          },
          decode: (words, at) => words[at],
        }
      : undefined,
  };
}
