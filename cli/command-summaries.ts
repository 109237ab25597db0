/**
 * Each command's usage and one-line description, the only part of a command that
 * `stateright --help` needs. They live here, apart from the command modules, so that listing the
 * commands loads none of them (each pulls in its whole part of the toolkit); the command modules
 * take their own usage and description from here.
 */
export const COMMAND_SUMMARIES = {
  check: {
    command: 'check <files..>',
    describe: 'check recorded histories (Jepsen EDN, JSON, JSON Lines, Porcupine logs) for linearizability, sequential consistency, or causal levels',
  },
  model: {
    command: 'model [name]',
    describe: 'model-check a bundled model (register protocols, two-phase commit, ...; --list shows them) or your own system (--module)',
  },
  explore: {
    command: 'explore [name]',
    describe: 'browse a bundled model or your own system (--module) in a web page (Stateright Explorer) while it is checked in the background',
  },
  serve: {
    command: 'serve [protocol]',
    describe: 'run the servers of a register protocol, the Raft store (raft-kv) or your own system (--module) on UDP (the same actors `stateright model` checks)',
  },
  load: {
    command: 'load [system]',
    describe: 'run clients (register clients; a bundled system\'s own clients, e.g. raft-kv; or your system\'s with --module) over UDP against running servers and record the history they observed',
  },
  worker: {
    command: 'worker',
    describe: 'join a cluster through a NATS server and check shards of models and partitions of histories for `model --nats` and `check --nats`',
  },
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;
