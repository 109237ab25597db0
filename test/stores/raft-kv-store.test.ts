/**
 * The Raft store as a system module: its wire schema (every message round-trips, bad datagrams
 * get a clear error), its model (the workload's clients, checked key by key), and stable storage
 * that means the same in the model and for real (term, vote and log survive a crash; nothing else).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { Out } from '../../src/actor/index.js';
import { SystemModel } from '../../src/system/model.js';
import { Runtime, systemServerActor } from '../../src/runtime/index.js';
import { raftKvStore, raftMessageSchema, type RaftMsg, type RaftServerState, type RaftStorage } from '../../stores/index.js';
import { tempDir } from '../runtime/harness.js';

const put = { f: 'put', key: 'k0', value: 'c0.0' } as const;

describe('the Raft wire schema', () => {
  const samples: RaftMsg[] = [
    { type: 'RequestVote', term: 2, lastIndex: 3, lastTerm: 1 },
    { type: 'Vote', term: 2, granted: true },
    { type: 'AppendEntries', term: 2, prevIndex: 1, prevTerm: 1, entries: [{ term: 2, client: 281474976710655, seq: 7, op: { f: 'cas', key: 'k1', from: '', to: 'x' } }], commit: 1 },
    { type: 'Appended', term: 2, success: false, index: 0 },
    { type: 'Request', seq: 1, op: put },
    { type: 'Request', seq: 2, op: { f: 'get', key: 'k0' } },
    { type: 'Reply', seq: 1, result: null },
    { type: 'Reply', seq: 2, result: 'c0.0' },
    { type: 'Reply', seq: 3, result: false },
    { type: 'NotLeader', seq: 1, leader: null },
    { type: 'NotLeader', seq: 1, leader: 4 },
  ];

  it('round-trips every message, as JSON objects under their field names', () => {
    const { codec } = raftMessageSchema;
    for (const msg of samples) expect(codec.decode(codec.encode(msg))).toEqual(msg);
    expect(codec.encode({ type: 'Request', seq: 1, op: put })).toBe('{"Request":{"seq":1,"op":{"f":"put","key":"k0","value":"c0.0"}}}');
  });

  it('refuses a datagram that is not a Raft message, saying what is wrong', () => {
    const { codec } = raftMessageSchema;
    expect(() => codec.decode('{"Request":{"seq":1,"op":{"f":"put","key":"k0","value":""}}}')).toThrow(/Request\.op/);
    expect(() => codec.decode('{"Request":{"seq":-1,"op":{"f":"get","key":"k0"}}}')).toThrow(/Request\.seq/);
    expect(() => codec.decode('{"Vote":{"term":1}}')).toThrow(/Vote lacks its field "granted"/);
    expect(() => codec.decode('{"Put":[1,"X"]}')).toThrow(/unknown message "Put"/);
  });
});

describe('the Raft store as a model', () => {
  it('shows no violation to depth 8 with 3 servers, 2 clients × 1 operation on a lossless network', () => {
    const model = new SystemModel(raftKvStore, { servers: 3, clients: 2, operations: 1, network: 'unordered-nonduplicating', lossy: false, maxCrashes: 0 });
    const r = check(model, { strategy: 'bfs', targetMaxDepth: 8, finishWhen: 'any-failures' });
    for (const name of ['linearizable', 'election safety', 'state machine safety']) expect(r.discovery(name), name).toBeUndefined();
    expect(r.unique).toBeGreaterThan(10_000);
  });

  it('finds the value chosen: a get answered with a written value', () => {
    // Seed 3: the client puts, then gets.
    const model = new SystemModel(raftKvStore, { servers: 1, clients: 1, operations: 2, writeRatio: 0.5, network: 'unordered-nonduplicating', lossy: false, maxCrashes: 0, seed: 3 });
    const r = check(model, { strategy: 'bfs', targetMaxDepth: 8 });
    expect(r.discovery('linearizable')).toBeUndefined();
    expect(r.discovery('value chosen')).toBeDefined();
  });
});

describe('stable storage, in the model and for real', () => {
  /** A server that has voted in term 3 and holds one entry, as storage. */
  const saved: RaftStorage = { term: 3, votedFor: 1, log: [{ term: 2, client: 9, seq: 1, op: put }] };

  it('a server recovers term, vote and log, and nothing else, from its storage in the model', () => {
    const server = raftKvStore.server(new SystemModel(raftKvStore, { servers: 3 }).context);
    const recovered = server.onStart(0, saved as never, new Out()) as RaftServerState;
    expect([recovered.term, recovered.votedFor, recovered.log, recovered.role, recovered.commit]).toEqual([3, 1, saved.log, 'follower', 0]);
  });

  it('a real server killed and restarted from its storage file starts from the same value', async () => {
    const { actor, codec } = systemServerActor(raftKvStore as never, { servers: 1 });
    const runtime = new Runtime([{ id: 0, actor }], { addressBook: [{ host: '127.0.0.1', port: 0 }], codec, storageDir: tempDir() });
    await runtime.startAll();
    try {
      // A single server elects itself when its election timer fires, and saves term 1 and its vote.
      const end = Date.now() + 5000;
      while ((runtime.state(0) as RaftServerState).role !== 'leader' && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      const before = runtime.state(0) as RaftServerState;
      expect(before.role).toBe('leader');
      await runtime.crash(0);
      await runtime.start(0);
      const after = runtime.state(0) as RaftServerState;
      expect([after.term, after.votedFor, after.log, after.role]).toEqual([before.term, before.votedFor, before.log, 'follower']);
    } finally {
      await runtime.stop();
    }
  });
});
