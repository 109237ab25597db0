/**
 * (d) A server fed garbage keeps answering: undecodable datagrams, wrong shapes, a 60 KB datagram
 * and unknown request ids are dropped (and logged with their sender); nothing crashes. Also the
 * CLI's usage errors: a port in use, an unknown protocol, unanswered load.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startServe } from '../../cli/serve-command.js';
import { runLoadCommand } from '../../cli/load-command.js';
import { formatAddress } from '../../src/runtime/index.js';
import { SERVE_DEFAULTS, captureIo, serve, tempDir } from './harness.js';
import { UdpClient } from './udp-client.js';
import { join } from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const GARBAGE: readonly (string | Buffer)[] = [
  'garbage',
  randomBytes(200),
  '',
  '[]',
  'null',
  '"Put"',
  '{"Put":[1]}',
  '{"Put":["one","X"]}',
  '{"Put":[1,7]}',
  '{"Get":-1}',
  '{"Get":1.5}',
  '{"Put":[1,"X"],"Get":2}',
  '{"Bogus":1}',
  '{"Internal":{"Query":{}}}',
  '{"Internal":{"Record":{"request_id":1,"seq":[1],"value":"Z"}}}',
  '{"Internal":{"Prepare":{"ballot":[1,0]}}}',
  '{"Internal":{"Query":{"request_id":1,"extra":2}}}',
  `{"Put":[1,"${'X'.repeat(60_000)}"`, // 60 KB, not closed
  Buffer.alloc(60_000, 0xff), // 60 KB of bytes that are not UTF-8
  // Well-formed, but answering requests nobody made: ignored by the protocol.
  '{"Internal":{"AckQuery":{"request_id":424242,"seq":[9,1],"value":"Q"}}}',
  '{"Internal":{"AckRecord":{"request_id":424242}}}',
  '{"PutOk":424242}',
  '{"GetOk":[424242,"Q"]}',
];

describe('servers fed bad input', () => {
  it('ABD on 3 servers drops garbage, logs each with its sender, and keeps answering', async () => {
    let log = '';
    const c = captureIo();
    const handle = await startServe({ ...SERVE_DEFAULTS, protocol: 'abd', servers: 3, log: true }, { stdout: { write: (t: string) => (log += t) }, stderr: c.io.stderr });
    if (typeof handle === 'number') throw new Error(c.stderr);
    const client = await UdpClient.open();
    try {
      const server = handle.addresses[0];
      for (const g of GARBAGE) client.send(server, g);
      expect(await client.request(server, '{"Put":[1,"X"]}\n')).toBe('{"PutOk":1}');
      expect(await client.request(handle.addresses[1], '{"Get":2}')).toBe('{"GetOk":[2,"X"]}');
      expect(await client.next(200)).toBeUndefined(); // the garbage got no reply
      const events = log
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { event: string; from?: string; actor: string });
      const undecodable = events.filter((e) => e.event === 'undecodable');
      // Every malformed datagram is reported (the empty one too); the last four decode fine.
      expect(undecodable).toHaveLength(GARBAGE.length - 4);
      expect(new Set(undecodable.map((e) => e.from))).toEqual(new Set([events.find((e) => e.event === 'receive')!.from]));
      expect(events.some((e) => e.event === 'error')).toBe(false);
      // A large well-formed value round-trips in one datagram.
      const big = 'Y'.repeat(60_000);
      expect(await client.request(server, `{"Put":[3,"${big}"]}`)).toBe('{"PutOk":3}');
      expect(await client.request(server, '{"Get":4}')).toBe(`{"GetOk":[4,"${big}"]}`);
    } finally {
      await client.close();
      await handle.stop();
    }
  });

  it('a port in use is a one-line error with exit 2', async () => {
    const first = await serve({ protocol: 'single-copy-register', servers: 1 });
    try {
      const port = first.addresses[0].port;
      const c = captureIo();
      expect(await startServe({ ...SERVE_DEFAULTS, protocol: 'single-copy-register', servers: 1, port }, c.io)).toBe(2);
      expect(c.stderr).toBe(`stateright serve: 127.0.0.1:${port} is already in use (is another server running there?)\n`);
    } finally {
      await first.stop();
    }
  });

  it('a storage file that does not decode stops serve with exit 2, naming the file', async () => {
    const storage = tempDir();
    const first = await serve({ protocol: 'single-copy-register', servers: 1, storage });
    const port = first.addresses[0].port;
    await first.stop();
    writeFileSync(join(storage, `127.0.0.1:${port}.storage`), '{not json');
    const c = captureIo();
    expect(await startServe({ ...SERVE_DEFAULTS, protocol: 'single-copy-register', servers: 1, port, storage }, c.io)).toBe(2);
    expect(c.stderr).toMatch(new RegExp(`^stateright serve: .*127\\.0\\.0\\.1:${port}\\.storage: not a storage file \\(.*\\)\n$`));
    // The port was released: a server can start there again once the file is gone.
    rmSync(join(storage, `127.0.0.1:${port}.storage`));
    const again = await serve({ protocol: 'single-copy-register', servers: 1, port, storage });
    await again.stop();
  });

  it('usage errors: unknown protocol, bad --only, bad --delay, bad --drop', async () => {
    const cases: [Partial<Parameters<typeof startServe>[0]>, RegExp][] = [
      [{ protocol: 'raft' }, /^stateright serve: unknown protocol 'raft' \(choose one of single-copy-register, .*paxos/],
      [{ only: 3, port: 3000 }, /--only must be a server index from 0 to 2 \(got 3\)/],
      [{ only: 1, port: 0 }, /--only needs a real --port/],
      [{ delay: 'soon' }, /--delay must be MIN-MAX milliseconds such as 0-20 \(got 'soon'\)/],
      [{ drop: 1.5 }, /--drop must be a probability between 0 and 1 \(got 1.5\)/],
      [{ port: 65535 }, /--port must leave room for 3 consecutive ports/],
      [{ nemesis: 'kill-restart' }, /--nemesis needs --every SECONDS/],
      [{ nemesis: 'flood', every: 1 }, /unknown --nemesis strike 'flood' \(choose from partition-halves, /],
      [{ nemesis: 'pause', every: 1, healAfter: 0 }, /--heal-after must be a positive number of seconds/],
    ];
    for (const [args, message] of cases) {
      const c = captureIo();
      expect(await startServe({ ...SERVE_DEFAULTS, protocol: 'abd', servers: 3, ...args }, c.io)).toBe(2);
      expect(c.stderr).toMatch(message);
      expect(c.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('load against servers that do not answer ends with every operation info, says so, and does not hang', async () => {
    const silent = await UdpClient.open(); // a socket that never replies
    const history = join(tempDir(), 'silent.jsonl');
    const c = captureIo();
    try {
      const address = formatAddress(silent.address);
      const result = await runLoadCommand(
        { servers: address, clients: 2, duration: 0.3, history, timeoutMs: 100, putRatio: 0.5, seed: 0, drop: 0, duplicate: 0, delay: '0', check: true, model: 'register' },
        c.io,
      );
      expect(result.code).toBe(0);
      expect(result.summary!.ok).toBe(0);
      expect(result.summary!.info).toBeGreaterThan(0);
      expect(c.stdout).toContain('no server answered any request (every operation timed out)');
      expect(readFileSync(history, 'utf8')).toContain('"type":"info"');
    } finally {
      await silent.close();
    }
  });

  it('load usage errors are one line with exit 2', async () => {
    const c = captureIo();
    const base = { clients: 1, duration: 0.1, history: join(tempDir(), 'h.jsonl'), timeoutMs: 100, putRatio: 0.5, seed: 0, drop: 0, duplicate: 0, delay: '0', check: false, model: 'register' as const };
    expect((await runLoadCommand({ ...base, servers: 'localhost:3000' }, c.io)).code).toBe(2);
    expect(c.stderr).toBe("stateright load: --servers: 'localhost:3000' is not an IPv4 address and port such as 127.0.0.1:3000\n");
    const d = captureIo();
    expect((await runLoadCommand({ ...base, servers: '127.0.0.1:3000', history: '/nonexistent/dir/h.jsonl' }, d.io)).code).toBe(2);
    expect(d.stderr).toMatch(/^stateright load: cannot write the history to \/nonexistent\/dir\/h.jsonl: ENOENT\n$/);
  });
});
