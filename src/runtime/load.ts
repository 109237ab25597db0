/**
 * A register workload over UDP, recorded as a Jepsen-style history (JSON Lines, one op per line,
 * in the order things happened). Each of `clients` slots runs one operation at a time: a `Put`
 * of a value unique to the run (probability `putRatio`, up to `maxWrites` in all) or a `Get`, to
 * a random server, with a
 * request id unique to the run. A reply ends the operation `ok` (`fail` for `PutFail`); no
 * reply within `timeoutMs` ends it `info` (it may or may not have taken effect) and retires its
 * process: the slot carries on as a new process, as Jepsen does, so each process has at most one
 * indeterminate operation and it is its last.
 *
 * The history opens with a header (histories/history-header.ts) naming the model and the
 * register's initial value, {@link INITIAL_VALUE}, as which a read of the never-written register
 * (`'\0'` on the wire) is recorded. It is a real value that no write uses (writes are `v<request
 * id>`), so the checker must explain every such read by the order. Recording it as nil would not
 * do: the checker reads an `ok` read of nil as Knossos does, as "any value", and a server that
 * lost an acknowledged write would then pass.
 */
import { createSocket } from 'node:dgram';
import { seededRandom } from '../checker/index.js';
import { NO_VALUE, registerMessageSchema, type RegisterMsg } from '../../register-models/index.js';
import { formatAddress, parseAddress, type SocketAddress } from './address.js';
import { FaultInjector, type FaultPlan } from './faults.js';
import { historyHeaderLine } from '../../histories/history-header.js';

/** What `load` records a read of the never-written register as; writes are `v<request id>`, never this. */
export const INITIAL_VALUE = 'init';

export interface WorkloadOptions {
  readonly servers: readonly SocketAddress[];
  readonly clients: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
  /** Probability that an operation is a write. Default 0.5. */
  readonly putRatio?: number;
  /**
   * At most this many writes in the whole run; reads only after that (Jepsen's `gen/limit` on
   * the writes). Each indeterminate write of a distinct value doubles the checker's search, and
   * a single-decree protocol (Paxos) answers no Put after its decision, so its runs stay
   * checkable only with few writes. Default: no limit.
   */
  readonly maxWrites?: number;
  /** Seeds the workload (ops, values, servers) and the fault layer. Default 0. */
  readonly seed?: number;
  readonly faults?: FaultPlan;
  /** The address the clients' sockets bind. Default 127.0.0.1. */
  readonly host?: string;
  /** The model the history's header names, for `check`. Default `register`. */
  readonly model?: 'register' | 'write-once-register';
  /** Receives each history line (a JSON object, no newline) as it happens; the header first. */
  readonly record: (line: string) => void;
}

export interface WorkloadSummary {
  readonly ok: number;
  readonly fail: number;
  readonly info: number;
  /** Of which writes: acknowledged Puts. */
  readonly okWrites: number;
  readonly seconds: number;
  readonly processes: number;
}

type Outcome = { readonly type: 'ok' | 'fail'; readonly value: string | null } | { readonly type: 'info' };

const codec = registerMessageSchema.codec;

export async function runLoad(options: WorkloadOptions): Promise<WorkloadSummary> {
  const { servers, clients, durationMs, timeoutMs } = options;
  if (servers.length === 0) throw new RangeError('--servers needs at least one address');
  if (!(Number.isInteger(clients) && clients >= 1)) throw new RangeError(`--clients must be a positive integer (got ${clients})`);
  if (!(durationMs > 0)) throw new RangeError('--duration must be a positive number of seconds');
  if (!(timeoutMs > 0)) throw new RangeError('--timeout-ms must be a positive number');
  const putRatio = options.putRatio ?? 0.5;
  const maxWrites = options.maxWrites ?? Infinity;
  if (!(maxWrites >= 0)) throw new RangeError(`--max-writes must be a non-negative integer (got ${maxWrites})`);
  let writes = 0;
  if (!(putRatio >= 0 && putRatio <= 1)) throw new RangeError(`--put-ratio must be between 0 and 1 (got ${putRatio})`);
  const random = seededRandom(options.seed ?? 0);
  const faults = new FaultInjector({ ...options.faults, seed: (options.seed ?? 0) + 1 });
  const counts = { ok: 0, fail: 0, info: 0, okWrites: 0 };
  let nextRequestId = 1;
  let nextProcess = clients;
  const record = (fields: Record<string, unknown>): void => options.record(JSON.stringify({ ...fields, time: Date.now() }));
  options.record(historyHeaderLine({ model: options.model ?? 'register', init: INITIAL_VALUE }));
  const started = Date.now();
  const deadline = started + durationMs;
  const pendingSends = new Set<NodeJS.Timeout>();

  const slot = async (first: number): Promise<void> => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, options.host ?? '127.0.0.1', () => resolve());
    });
    socket.removeAllListeners('error');
    socket.on('error', () => {}); // e.g. ICMP port unreachable: the op will time out
    let awaiting: { requestId: number; write: boolean; settle: (o: Outcome) => void } | undefined;
    socket.on('message', (buffer) => {
      let reply: RegisterMsg;
      try {
        reply = codec.decode(buffer.toString('utf8'));
      } catch {
        return; // not a register reply: ignored, as a client ignores anything unexpected
      }
      const a = awaiting;
      if (a === undefined || !('requestId' in reply) || reply.requestId !== a.requestId) return;
      if (a.write && (reply.type === 'PutOk' || reply.type === 'PutFail')) a.settle({ type: reply.type === 'PutOk' ? 'ok' : 'fail', value: null });
      if (!a.write && reply.type === 'GetOk') a.settle({ type: 'ok', value: reply.value === NO_VALUE ? INITIAL_VALUE : reply.value });
    });
    let process = first;
    let closed = false;
    try {
      while (Date.now() < deadline) {
        const write = random() < putRatio && writes < maxWrites;
        if (write) writes++;
        const requestId = nextRequestId++;
        const value = write ? `v${requestId}` : null;
        const server = servers[Math.floor(random() * servers.length)];
        const msg: RegisterMsg = write ? { type: 'Put', requestId, value: value! } : { type: 'Get', requestId };
        const outcome = new Promise<Outcome>((resolve) => {
          const timer = setTimeout(() => settle({ type: 'info' }), timeoutMs);
          const settle = (o: Outcome): void => {
            clearTimeout(timer);
            awaiting = undefined;
            resolve(o);
          };
          awaiting = { requestId, write, settle };
        });
        record({ type: 'invoke', process, f: write ? 'write' : 'read', value, server: formatAddress(server), request: requestId });
        const bytes = Buffer.from(codec.encode(msg), 'utf8');
        for (const delay of faults.copies()) {
          const transmit = (): void => {
            if (!closed) socket.send(bytes, server.port, server.host, () => {});
          };
          if (delay <= 0) transmit();
          else {
            const t = setTimeout(() => (pendingSends.delete(t), transmit()), delay);
            pendingSends.add(t);
          }
        }
        const o = await outcome;
        if (o.type === 'info') {
          counts.info++;
          record({ type: 'info', process, f: write ? 'write' : 'read', value, error: 'timeout' });
          process = nextProcess++;
        } else {
          counts[o.type]++;
          if (write && o.type === 'ok') counts.okWrites++;
          record({ type: o.type, process, f: write ? 'write' : 'read', value: write ? value : o.value });
        }
      }
    } finally {
      closed = true; // (copies still waiting in the fault layer's delays are dropped)
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    }
  };

  await Promise.all(Array.from({ length: clients }, (_, i) => slot(i)));
  for (const t of pendingSends) clearTimeout(t);
  return { ...counts, seconds: (Date.now() - started) / 1000, processes: nextProcess };
}

/** `127.0.0.1:3000,127.0.0.1:3001` → addresses (a RangeError naming the bad one). */
export function parseServerList(text: string): SocketAddress[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new RangeError('--servers needs at least one address such as 127.0.0.1:3000');
  return items.map((s) => {
    try {
      return parseAddress(s);
    } catch (error) {
      throw new RangeError(`--servers: ${(error as Error).message}`);
    }
  });
}

/** The one-line summary `load` prints. */
export function formatSummary(s: WorkloadSummary): string {
  const total = s.ok + s.fail + s.info;
  const rate = (n: number) => (s.seconds > 0 ? Math.round(n / s.seconds) : 0);
  const allInfo = total > 0 && s.info === total ? ' — no server answered any request (every operation timed out)' : '';
  return (
    `${total} operations in ${s.seconds.toFixed(1)} s: ${rate(total)} ops/s (${rate(s.ok)} ok/s); ` +
    `ok ${s.ok} (${s.okWrites} acknowledged writes), fail ${s.fail}, info ${s.info}; ${s.processes} processes${allInfo}`
  );
}
