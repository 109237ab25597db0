/**
 * The bundled register protocols as system modules, correct and broken. Each export is an
 * ordinary module export: `stateright model --module dist/register-models/systems.js --export
 * paxosSystem` checks the same model as `stateright model paxos`. Defaults are Stateright's CLI
 * examples (2 clients on an unordered non-duplicating network; 3 servers for Paxos and ABD, 1 for
 * the single-copy register; BFS for Paxos, DFS for the others); broken variants default to the
 * configuration that exposes their flaw.
 */
import { abdNoReadWriteBack, abdRegister } from './abd.js';
import { causalRegister, causalRegisterNoWait } from './causal-register.js';
import { paxosForgetfulAcceptor, paxosNoAdopt, paxosRegister } from './paxos.js';
import { registerSystemModule } from './register-system.js';
import { singleCopyRegister } from './single-copy.js';
import { writeOnceRegister } from './write-once.js';

export const singleCopyRegisterSystem = registerSystemModule(
  singleCopyRegister,
  'a register on one server, no replication; with --servers 2 each server is its own register (BROKEN)',
  { servers: 1, strategy: 'dfs' },
);

export const abdSystem = registerSystemModule(
  abdRegister,
  'ABD: a register replicated on a majority, reads write back what they read (3 servers: 41 M states, minutes; --servers 2: 544)',
  { servers: 3, strategy: 'dfs' },
);

export const paxosSystem = registerSystemModule(paxosRegister, 'single-decree Paxos behind the register interface: the first value a majority accepts', {
  servers: 3,
  strategy: 'bfs',
});

export const writeOnceRegisterSystem = registerSystemModule(
  writeOnceRegister,
  'a write-once register on one server (first write wins, later ones fail); BROKEN with --servers 2',
  { servers: 1, strategy: 'dfs' },
);

export const abdNoWriteBackSystem = registerSystemModule(
  abdNoReadWriteBack,
  'BROKEN ABD: reads reply without writing back',
  { servers: 3, clients: 4, strategy: 'simulation' },
  'a read can see a write in progress and a later read miss it; needs 3 servers and 4 clients, which simulation samples (exhaustive search takes too long)',
);

export const paxosNoAdoptSystem = registerSystemModule(
  paxosNoAdopt,
  "BROKEN Paxos: the leader proposes its client's value instead of the highest accepted one",
  { servers: 3, strategy: 'bfs' },
  'two leaders decide different values; clients read both',
);

export const paxosForgetfulAcceptorSystem = registerSystemModule(
  paxosForgetfulAcceptor,
  'BROKEN Paxos: acceptors accept proposals below the ballot they promised',
  { servers: 3, strategy: 'bfs' },
  'an acceptor helps an old leader decide after promising a new one; two values are decided',
);

export const causalRegisterSystem = registerSystemModule(
  causalRegister,
  'a causally consistent register: each server serves its own clients at once and applies remote writes in causal order (vector clocks); ' +
    'causally consistent but NOT linearizable, so the linearizable property is expected to fail',
  { servers: 2, strategy: 'bfs', consistency: ['causal', 'linearizable'], putCount: 2, readFirst: true },
);

export const causalRegisterNoWaitSystem = registerSystemModule(
  causalRegisterNoWait,
  'BROKEN causal register: remote writes are applied as they arrive, without waiting for the writes they depend on',
  { servers: 2, strategy: 'bfs', consistency: ['causal'], putCount: 2, readFirst: true },
  "a client's second write arrives before its first at the other server, which applies it and then the first over it; a client there reads the first after seeing the second",
);

/** Every bundled register system, in the order `stateright model --list` shows them. */
export const REGISTER_SYSTEMS = [
  singleCopyRegisterSystem,
  abdSystem,
  paxosSystem,
  writeOnceRegisterSystem,
  abdNoWriteBackSystem,
  paxosNoAdoptSystem,
  paxosForgetfulAcceptorSystem,
  causalRegisterSystem,
  causalRegisterNoWaitSystem,
] as const;
