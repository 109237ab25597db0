/**
 * Raft's safety properties over the servers' states, shared by the store's models
 * (stores/raft-kv-system.ts, stores/raft-kv-store.ts): servers are the actors `0..servers-1`.
 */
import type { Entry } from './raft-messages.js';
import type { RaftServerState } from './raft-server.js';

/** Election safety: no two live servers lead the same term. */
export function electionSafe(actorStates: readonly unknown[], crashed: readonly boolean[], servers: number): boolean {
  const leaders = new Set<number>();
  for (let id = 0; id < servers; id++) {
    const x = actorStates[id] as RaftServerState;
    if (crashed[id] || x.role !== 'leader') continue;
    if (leaders.has(x.term)) return false;
    leaders.add(x.term);
  }
  return true;
}

/** State machine safety: no two servers have committed different entries at one index. */
export function stateMachineSafe(actorStates: readonly unknown[], servers: number): boolean {
  for (let a = 0; a < servers; a++) {
    for (let b = a + 1; b < servers; b++) {
      const x = actorStates[a] as RaftServerState;
      const y = actorStates[b] as RaftServerState;
      const upTo = Math.min(x.commit, y.commit);
      for (let i = 0; i < upTo; i++) if (x.log[i] !== y.log[i] && !sameEntry(x.log[i], y.log[i])) return false;
    }
  }
  return true;
}

function sameEntry(a: Entry, b: Entry): boolean {
  return a.term === b.term && a.client === b.client && a.seq === b.seq;
}
