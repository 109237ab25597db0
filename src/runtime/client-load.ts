/**
 * A system's own clients over UDP (`stateright load --module`): `clients` copies of the client
 * actor the model checks, each on its own socket, against running servers. What they record
 * (`out.record`) becomes a JSON Lines history in Jepsen's shape, one op per line in the order
 * things happened: `{"type":"invoke","process":0,"f":"write","value":"c0.0","time":…}`.
 *
 * Client `i` has id `servers + i`, as in the model (the address book lists the servers, then
 * the clients' own sockets). A client whose operation ended `info` goes on as a new process, as
 * Jepsen retires a process, so each process has at most one indeterminate operation and it is its
 * last. When the run ends (after `durationMs`), operations still in flight are recorded `info`.
 *
 * The first line is the history's header: the system's consistency model and its initial value,
 * so a read of the initial value is checked as the real value it is (no write uses it).
 */
import type { Id, OperationEvent } from '../actor/index.js';
import type { Value } from '../../consistency/value.js';
import { systemContext } from '../system/model.js';
import { systemSettings, type AnySystem, type SystemSettings } from '../system/system.js';
import { randomWorkload } from '../system/workload.js';
import type { SocketAddress } from './address.js';
import type { FaultPlan } from './faults.js';
import type { WorkloadSummary } from './load.js';
import { Runtime } from './spawn.js';
import { historyHeaderLine } from '../../histories/history-header.js';

export interface ClientLoadOptions {
  readonly servers: readonly SocketAddress[];
  readonly clients: number;
  readonly durationMs: number;
  /** Operations per client (default: no limit, the run is bounded by `durationMs`). */
  readonly operations?: number;
  readonly writeRatio?: number;
  readonly keys?: number;
  /** Writes draw their values from this many; default: every write's value is its own. */
  readonly values?: number;
  readonly seed?: number;
  /** A client's request timeout, in ms. Default 500. */
  readonly timeoutMs?: number;
  readonly faults?: FaultPlan;
  /** The address the clients' sockets bind. Default 127.0.0.1. */
  readonly host?: string;
  /** Receives each history line (a JSON object, no newline) as it happens. */
  readonly record: (line: string) => void;
}

/** Runs the system's clients until the duration ends or every client completed its operations. */
export async function runSystemClients(system: AnySystem, options: ClientLoadOptions): Promise<WorkloadSummary> {
  const { servers, clients, durationMs } = options;
  if (servers.length === 0) throw new RangeError('--servers needs at least one address');
  if (!(Number.isInteger(clients) && clients >= 1)) throw new RangeError(`--clients must be a positive integer (got ${clients})`);
  if (!(durationMs > 0)) throw new RangeError('--duration must be a positive number of seconds');
  const timeoutMs = options.timeoutMs ?? 500;
  if (!(timeoutMs > 0)) throw new RangeError('--timeout-ms must be a positive number');
  const given: Partial<SystemSettings> = {
    servers: servers.length,
    clients,
    operations: options.operations ?? Infinity,
    writeRatio: options.writeRatio,
    keys: options.keys,
    values: options.values,
    seed: options.seed,
    timeoutMs,
  };
  const settings = systemSettings(system, given);
  // A real run's workload is the random one (a model's scripted workload is for the model).
  const context = { ...systemContext(system, settings), workload: randomWorkload(settings), runStartedMs: Date.now() };
  const actor = system.client(context);
  const S = servers.length;
  const counts = { ok: 0, fail: 0, info: 0, okWrites: 0 };
  const process = Array.from({ length: clients }, (_, i) => i);
  const inFlight: (Extract<OperationEvent, { type: 'invoke' }> | null)[] = new Array(clients).fill(null);
  let nextProcess = clients;
  /** Clients that completed all their operations; when all have, the run ends early. */
  const completed = new Array<number>(clients).fill(0);
  let done = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const write = (client: number, type: string, op: Extract<OperationEvent, { type: 'invoke' }>, value: Value, extra: Record<string, unknown> = {}): void => {
    const line: Record<string, unknown> = { type, process: process[client], f: op.f, value };
    if (op.key !== undefined) line.key = op.key;
    options.record(JSON.stringify({ ...line, ...extra, time: Date.now() }));
  };
  const onRecord = (id: Id, event: OperationEvent): void => {
    const client = id - S;
    if (client < 0 || client >= clients) return;
    const op = inFlight[client];
    if (event.type === 'invoke') {
      if (op !== null) return; // a second invocation with one in flight: not an operation of this client's history
      inFlight[client] = event;
      write(client, 'invoke', event, event.value);
      return;
    }
    if (op === null) return;
    inFlight[client] = null;
    if (++completed[client] === settings.operations && ++done === clients) finish();
    if (event.type === 'ok') {
      counts.ok++;
      if (op.f !== 'read' && op.f !== 'get') counts.okWrites++;
      write(client, 'ok', op, op.f === 'read' || op.f === 'get' ? event.value : op.value);
    } else if (event.type === 'fail') {
      counts.fail++;
      write(client, 'fail', op, op.value);
    } else {
      counts.info++;
      write(client, 'info', op, op.value, { error: 'timeout' });
      process[client] = nextProcess++;
    }
  };

  const { model, init } = system.consistency;
  options.record(init === undefined ? JSON.stringify({ model }) : historyHeaderLine({ model, init }));
  const book: SocketAddress[] = [...servers, ...Array.from({ length: clients }, () => ({ host: options.host ?? '127.0.0.1', port: 0 }))];
  const runtime = new Runtime(
    Array.from({ length: clients }, (_, i) => ({ id: S + i, actor: actor as never })),
    { addressBook: book, codec: system.messages.codec, faults: { ...options.faults, seed: (options.seed ?? 0) + 1 }, onRecord },
  );
  const started = Date.now();
  await runtime.startAll();
  const timer = setTimeout(finish, durationMs);
  if (settings.operations === 0) finish();
  await finished;
  clearTimeout(timer);
  await runtime.stop();
  for (let i = 0; i < clients; i++) {
    const op = inFlight[i];
    if (op === null) continue;
    counts.info++;
    write(i, 'info', op, op.value, { error: 'run ended' });
  }
  return { ...counts, seconds: (Date.now() - started) / 1000, processes: nextProcess };
}
