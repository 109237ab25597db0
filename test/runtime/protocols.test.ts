/** Every bundled protocol serves: a Put is acknowledged and a later Get returns its value. */
import { describe, expect, it } from 'vitest';
import { REGISTER_SYSTEMS } from '../../register-models/index.js';
import { load, serve } from './harness.js';
import { UdpClient } from './udp-client.js';

describe('serve, every protocol', () => {
  for (const protocol of REGISTER_SYSTEMS.map((p) => p.name)) {
    it(`${protocol}: Put, then Get from another server, as typed into netcat`, async () => {
      const replicated = protocol.startsWith('abd') || protocol.startsWith('paxos');
      const servers = await serve({ protocol, servers: replicated ? 3 : 1, reliablePeers: replicated });
      const client = await UdpClient.open();
      try {
        expect(await client.request(servers.addresses[0], '{"Put":[1,"X"]}\n')).toBe('{"PutOk":1}');
        // A server learns a Paxos decision from a Decided message, which may still be on its way.
        const last = servers.addresses[servers.addresses.length - 1];
        let reply: string | undefined;
        for (let i = 0; i < 20 && reply === undefined; i++) reply = await client.request(last, `{"Get":${2 + i}}`, 100);
        expect(reply).toMatch(/^\{"GetOk":\[\d+,"X"\]\}$/);
      } finally {
        await client.close();
        await servers.stop();
      }
    });
  }

  it('--host 0.0.0.0: servers on all interfaces still recognise each other as peers', async () => {
    const servers = await serve({ protocol: 'abd', servers: 3, host: '0.0.0.0', reliablePeers: true });
    const client = await UdpClient.open();
    try {
      const at = (i: number) => ({ host: '127.0.0.1', port: servers.addresses[i].port });
      expect(await client.request(at(0), '{"Put":[1,"X"]}')).toBe('{"PutOk":1}');
      expect(await client.request(at(2), '{"Get":2}')).toBe('{"GetOk":[2,"X"]}');
      // Acks come from 127.0.0.1 and must clear the link's pending messages to the peers.
      const pending = () => [0, 1, 2].map((i) => (servers.runtime.state(i) as { pending: unknown[] }).pending.length);
      for (let i = 0; i < 50 && pending().some((n) => n > 0); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(pending()).toEqual([0, 0, 0]);
    } finally {
      await client.close();
      await servers.stop();
    }
  });

  it('write-once register under load: later writes fail, and the history is a linearizable write-once register', async () => {
    const servers = await serve({ protocol: 'write-once-register', servers: 1 });
    try {
      const run = await load(servers, { duration: 0.3, model: 'write-once-register' });
      expect(run.code, run.stdout).toBe(0);
      expect(run.summary!.fail).toBeGreaterThan(0);
      expect(run.stdout).toMatch(/: linearizable \(write-once-register, \d+ ops/);
    } finally {
      await servers.stop();
    }
  });
});
