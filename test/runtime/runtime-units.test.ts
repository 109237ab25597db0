/** The runtime's parts: Stateright's id encoding, the wire codecs, timers, storage, failures. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/actor/index.js';
import {
  AddressBook,
  CodecError,
  decodeAddress,
  encodeAddress,
  linkCodec,
  parseDelay,
  spawn,
  FaultInjector,
  type RuntimeEvent,
} from '../../src/runtime/index.js';
import { abdSystem, paxosSystem, singleCopyRegisterSystem, type PaxosMsg, type ProtocolMsg } from '../../register-models/index.js';
import { tempDir } from './harness.js';
import { UdpClient } from './udp-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LOCAL = { host: '127.0.0.1', port: 0 };

describe('ids', () => {
  it('encodes addresses as Stateright does', () => {
    expect(encodeAddress({ host: '127.0.0.1', port: 3000 })).toBe(139637976796088);
    expect(encodeAddress({ host: '127.0.0.1', port: 3001 })).toBe(139637976796089);
    // 1.2.3.4:5 is the bytes [0, 0, 1, 2, 3, 4, 0, 5].
    expect(encodeAddress({ host: '1.2.3.4', port: 5 })).toBe(0x010203040005);
    expect(decodeAddress(0x010203040005)).toEqual({ host: '1.2.3.4', port: 5 });
    expect(decodeAddress(1)).toEqual({ host: '0.0.0.0', port: 1 }); // model id 1 prints as 0.0.0.0:1
    expect(() => encodeAddress({ host: '256.0.0.1', port: 1 })).toThrow(/not an IPv4 address/);
  });

  it('decoding inverts encoding (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 65535 }), (host, port) => {
        expect(decodeAddress(encodeAddress({ host, port }))).toEqual({ host, port });
      }),
    );
  });

  it('an address book numbers its addresses from 0 and encodes the others', () => {
    const book = new AddressBook([
      { host: '127.0.0.1', port: 3000 },
      { host: '127.0.0.1', port: 3001 },
    ]);
    expect(book.idOf({ host: '127.0.0.1', port: 3001 })).toBe(1);
    const stranger = book.idOf({ host: '127.0.0.1', port: 40000 });
    expect(stranger).toBe(encodeAddress({ host: '127.0.0.1', port: 40000 }));
    expect(book.format(stranger)).toBe('127.0.0.1:40000');
    expect(book.format(0)).toBe('127.0.0.1:3000');
    // Servers listening on all interfaces are known by their port.
    const everywhere = new AddressBook([{ host: '0.0.0.0', port: 3000 }]);
    expect(everywhere.idOf({ host: '127.0.0.1', port: 3000 })).toBe(0);
    expect(everywhere.idOf({ host: '127.0.0.1', port: 3001 })).toBe(encodeAddress({ host: '127.0.0.1', port: 3001 }));
  });
});

describe('wire codecs', () => {
  const paxos = paxosSystem.messages.codec;
  it("writes Stateright's externally tagged JSON", () => {
    const cases: [ProtocolMsg<PaxosMsg>, string][] = [
      [{ type: 'Put', requestId: 1, value: 'X' }, '{"Put":[1,"X"]}'],
      [{ type: 'Get', requestId: 2 }, '{"Get":2}'],
      [{ type: 'PutOk', requestId: 1 }, '{"PutOk":1}'],
      [{ type: 'GetOk', requestId: 2, value: 'X' }, '{"GetOk":[2,"X"]}'],
      [{ type: 'Prepare', ballot: [1, 0] }, '{"Internal":{"Prepare":{"ballot":[1,0]}}}'],
      [{ type: 'Prepared', ballot: [1, 0], lastAccepted: null }, '{"Internal":{"Prepared":{"ballot":[1,0],"last_accepted":null}}}'],
      [
        { type: 'Accept', ballot: [1, 2], proposal: [7, 139637976796088, 'Z'] },
        '{"Internal":{"Accept":{"ballot":[1,2],"proposal":[7,139637976796088,"Z"]}}}',
      ],
    ];
    for (const [msg, wire] of cases) {
      expect(paxos.encode(msg)).toBe(wire);
      expect(paxos.decode(wire)).toEqual(msg);
    }
  });

  it('rejects every wrong shape with a CodecError saying what is wrong', () => {
    const bad: [string, RegExp][] = [
      ['{"Put":[1]}', /Put needs \[requestId, value\]/],
      ['{"Get":"1"}', /Get.requestId: Expected integer, got "1"/],
      ['{"Get":-1}', /Get.requestId: Expected integer to be greater or equal to 0/],
      ['{"Put":[1,2]}', /Put.value: Expected string, got 2/],
      ['"Get"', /Get needs \[requestId\], got nothing/],
      ['{"Internal":{"Query":{"request_id":1}}}', /unknown internal message "Query"/],
      ['{"Internal":{"Prepare":{"ballot":[1,0],"x":1}}}', /Prepare has no field "x"/],
      ['{"Internal":{"Accept":{"ballot":[1,0]}}}', /Accept lacks its field "proposal"/],
      ['{"Internal":{"Accept":{"ballot":[1,0],"proposal":[1,2]}}}', /Accept.proposal: Expected tuple to have 3 elements/],
      ['{"Internal":{"Prepared":{"ballot":[1,0],"last_accepted":[[1,0],[1,2,3]]}}}', /Prepared.last_accepted: Expected union value/],
      ['{"Nope":1}', /unknown message "Nope"/],
      ['{', /not JSON/],
    ];
    for (const [wire, message] of bad) expect(() => paxos.decode(wire)).toThrow(message);
    expect(() => paxos.decode('{"Get":-1}')).toThrow(CodecError);
  });

  it("every protocol's codec comes from its message schema", () => {
    expect(singleCopyRegisterSystem.messages.codec.decode('{"Get":3}')).toEqual({ type: 'Get', requestId: 3 });
    expect(abdSystem.messages.codec.decode('{"Internal":{"AckRecord":{"request_id":4}}}')).toEqual({ type: 'AckRecord', requestId: 4 });
    expect(() => singleCopyRegisterSystem.messages.codec.decode('{"Internal":{"AckRecord":{"request_id":4}}}')).toThrow(/unknown internal message "AckRecord"/);
  });

  it('the link codec wraps messages as Deliver/Ack and passes raw ones through', () => {
    const link = linkCodec(paxos);
    expect(link.encode({ type: 'Deliver', seq: 3, msg: { type: 'Prepare', ballot: [1, 0] } })).toBe('{"Deliver":[3,{"Internal":{"Prepare":{"ballot":[1,0]}}}]}');
    expect(link.decode('{"Ack":3}')).toEqual({ type: 'Ack', seq: 3 });
    expect(link.decode('{"Get":1}')).toEqual({ type: 'Get', requestId: 1 });
    expect(() => link.decode('{"Ack":0}')).toThrow(/Ack needs a sequence number/);
    expect(() => link.decode('{"Deliver":[1,{"Bad":1}]}')).toThrow(/unknown message "Bad"/);
  });
});

describe('faults', () => {
  it('are seeded, and drop and duplicate at about the given rates', () => {
    const plan = { drop: 0.2, duplicate: 0.1, delayMs: [5, 10] as const, seed: 4 };
    const a = new FaultInjector(plan);
    const b = new FaultInjector(plan);
    const runs = Array.from({ length: 10_000 }, () => a.copies());
    expect(Array.from({ length: 10_000 }, () => b.copies())).toEqual(runs);
    const dropped = runs.filter((c) => c.length === 0).length / runs.length;
    const doubled = runs.filter((c) => c.length === 2).length / runs.length;
    expect(dropped).toBeGreaterThan(0.18);
    expect(dropped).toBeLessThan(0.22);
    expect(doubled).toBeGreaterThan(0.06);
    expect(doubled).toBeLessThan(0.1);
    expect(runs.flat().every((d) => d >= 5 && d <= 10)).toBe(true);
    expect(parseDelay('0-20')).toEqual([0, 20]);
    expect(parseDelay('7')).toEqual([7, 7]);
    expect(() => parseDelay('20-0')).toThrow(/MIN ≤ MAX/);
  });
});

/** A counter that ticks on a timer and saves every tick (Stateright's crash-and-recover test). */
type Tick = { readonly type: 'Tick' } | { readonly type: 'Stop' };
const counter: Actor<number, string, Tick, never, number> = {
  onStart(_id, storage, out) {
    out.setTimer({ type: 'Tick' }, [5, 10]);
    return storage ?? 0;
  },
  onTimeout(_id, n, timer, out) {
    if (timer.type === 'Stop') return;
    out.setTimer({ type: 'Tick' }, [5, 10]);
    out.save(n + 1);
    return n + 1;
  },
  onMsg(_id, n, src, msg, out) {
    if (msg === 'stop') out.cancelTimer({ type: 'Tick' });
    if (msg === 'throw') throw new Error('boom');
    if (msg === 'count') out.send(src, `${n}`);
  },
};

describe('spawn', () => {
  it('runs timers, cancels them, saves atomically to <ip>:<port>.storage and restores after a crash', async () => {
    const dir = tempDir();
    const events: RuntimeEvent[] = [];
    const runtime = await spawn([{ id: 0, actor: counter }], { addressBook: [LOCAL], storageDir: dir, log: (e) => events.push(e) });
    const client = await UdpClient.open();
    try {
      const address = runtime.address(0);
      await sleep(150);
      const before = runtime.state(0)!;
      expect(before).toBeGreaterThan(0);
      const file = join(dir, `127.0.0.1:${address.port}.storage`);
      expect(readdirSync(dir)).toEqual([`127.0.0.1:${address.port}.storage`]); // no temporary files left
      await runtime.crash(0);
      expect(runtime.state(0)).toBeUndefined();
      const saved = Number(readFileSync(file, 'utf8'));
      await runtime.start(0);
      expect(runtime.state(0)).toBe(saved); // onStart got the storage back
      client.send(address, '"stop"');
      const stopped = Number(JSON.parse((await client.request(address, '"count"'))!));
      await sleep(60);
      expect(runtime.state(0)).toBe(stopped); // the cancelled timer did not fire
      // A handler that throws is reported; the actor carries on with its state.
      client.send(address, '"throw"');
      expect(await client.request(address, '"count"')).toBe(`"${stopped}"`);
      expect(events.some((e) => e.event === 'error' && e.error === 'handler failed, step discarded: boom')).toBe(true);
      expect(events.filter((e) => e.event === 'start').map((e) => (e as { restored: boolean }).restored)).toEqual([false, true]);
      expect(existsSync(file)).toBe(true);
    } finally {
      await client.close();
      await runtime.stop();
    }
  });

  it('delivers one random choice per key: a later choice replaces it, an empty one cancels it', async () => {
    const chosen: string[] = [];
    const actor: Actor<number, string, never, string> = {
      onStart(_id, _s, out) {
        out.chooseRandom('first', ['never']);
        out.chooseRandom('first', ['a', 'b']); // replaces 'never'
        out.chooseRandom('second', ['c']);
        out.removeRandom('second'); // cancels 'c'
        return 0;
      },
      onRandom(_id, n, choice) {
        chosen.push(choice);
        return n + 1;
      },
    };
    const runtime = await spawn([{ id: 0, actor }], { addressBook: [LOCAL], randomDelayMs: 20 });
    try {
      await sleep(150);
      expect(chosen).toHaveLength(1);
      expect(['a', 'b']).toContain(chosen[0]);
      expect(runtime.state(0)).toBe(1);
    } finally {
      await runtime.stop();
    }
  });

  it('resets a timer that is set again (it fires once, at the later deadline)', async () => {
    const fired: number[] = [];
    const started = Date.now();
    const actor: Actor<number, string, string> = {
      onStart(_id, _s, out) {
        out.setTimer('t', [20, 20]);
        out.setTimer('t', [80, 80]);
        return 0;
      },
      onTimeout() {
        fired.push(Date.now() - started);
      },
    };
    const runtime = await spawn([{ id: 0, actor }], { addressBook: [LOCAL] });
    try {
      await sleep(200);
      expect(fired).toHaveLength(1);
      expect(fired[0]).toBeGreaterThanOrEqual(75);
    } finally {
      await runtime.stop();
    }
  });
});
