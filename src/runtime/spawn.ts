/**
 * `spawn`: actors on real UDP sockets (node:dgram), one socket per actor, running the very
 * handler objects the model checker explores. Node runs every handler on one thread, so one
 * actor's handlers never run concurrently (nor do different actors' in one process).
 *
 * Commands, outside the model (Stateright's `spawn`, reference §1.4):
 * - send: encode and send to the id's address, through the fault layer; a message that does not
 *   encode, is too large or fails to send is reported and skipped;
 * - setTimer: fire after a duration uniform in [lo, hi) (exactly lo when lo = hi); setting an
 *   armed timer resets it; cancelTimer cancels;
 * - chooseRandom: pick one choice uniformly and deliver it to `onRandom` after a delay uniform in
 *   [0, randomDelayMs). Unlike Stateright's runtime, which ignores the key, a later choice under
 *   the same key replaces the pending one and an empty choice list cancels it, as in the model;
 * - save: write the storage (atomically, to `<ip>:<port>.storage` under `storageDir`, or in
 *   memory without one); a restarted actor gets it back in `onStart`;
 * - record: a client's operation event, handed to `onRecord` (the load generator writes it down).
 *
 * A message the actor ignores (state untouched, no command) is kept and offered again after its
 * state next changes, as the model leaves it in the network (ignored.ts; at most `maxIgnored` per
 * actor, the oldest dropped and logged past that; a crash loses them, as a dead socket would).
 *
 * A datagram that does not decode is reported with its sender and dropped; a handler that throws
 * is reported and its step discarded (the state stays as it was). Neither stops the actor.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Out, type Actor, type Command, type Id, type OperationEvent } from '../actor/index.js';
import { AddressBook, formatAddress, type SocketAddress } from './address.js';
import { plainJsonCodec, type MessageCodec } from './codec.js';
import type { EventSink, RuntimeEvent } from './events.js';
import { FaultInjector, type FaultPlan } from './faults.js';
import { DEFAULT_MAX_IGNORED, IgnoredMessages, type KeptMessage, type StepResult } from './ignored.js';
import { StorageDirectory, jsonStorageCodec, type StorageCodec } from './storage.js';

/** The largest UDP payload over IPv4. */
export const MAX_DATAGRAM = 65_507;

export interface SpawnOptions<Msg, Storage> {
  /**
   * Addresses that get the ids `0..k-1` (for protocols that number their peers, as the model
   * does). Without it every id is an encoded address (Stateright's scheme).
   */
  readonly addressBook?: readonly SocketAddress[];
  /** Default: plain JSON. */
  readonly codec?: MessageCodec<Msg>;
  /** Where storage files go; without it storage is kept in memory (it survives `crash` and `start`). */
  readonly storageDir?: string;
  readonly storageCodec?: StorageCodec<Storage>;
  readonly faults?: FaultPlan;
  readonly log?: EventSink;
  /** For timer durations and random choices. Default Math.random. */
  readonly random?: () => number;
  /** A timer armed without a duration (a model-only timer) gets this one. Default [1000, 2000]. */
  readonly defaultTimerMs?: readonly [number, number];
  /** Random choices are delivered after a delay uniform in [0, this). Default 10,000 (as Stateright). */
  readonly randomDelayMs?: number;
  /** Ignored messages kept per actor to be offered again; past it the oldest is dropped and logged. Default 64. */
  readonly maxIgnored?: number;
  /** Receives the operation events clients record (`out.record`); without it they are dropped. */
  readonly onRecord?: (id: Id, event: OperationEvent) => void;
}

export interface SpawnEntry<State, Msg, Timer, Random, Storage> {
  readonly id: Id;
  readonly actor: Actor<State, Msg, Timer, Random, Storage>;
}

/** An error starting an actor, e.g. its port in use. */
export class SpawnError extends Error {}

interface Running<State, Msg> {
  socket: Socket;
  state: State;
  readonly timers: Map<string, NodeJS.Timeout>;
  readonly randoms: Map<string, NodeJS.Timeout>;
  readonly ignored: IgnoredMessages<Msg>;
  alive: boolean;
  /**
   * While paused (a process stopped, as by SIGSTOP), what arrives and what fires waits here in
   * order, and runs on resume: the kernel would keep the datagrams in the socket's buffer and the
   * timers would fire late. Bounded like a socket buffer: past the bound, datagrams are lost.
   */
  paused: (() => void)[] | undefined;
}

/** Datagrams (and timer firings) a paused actor keeps for its resume, at most. */
const PAUSED_BACKLOG = 10_000;

export class Runtime<State, Msg, Timer = never, Random = never, Storage = never> {
  private addressBook: AddressBook;
  private readonly codec: MessageCodec<Msg>;
  private readonly faults: FaultInjector;
  private readonly storage: StorageDirectory<Storage> | undefined;
  private readonly memory = new Map<Id, Storage>();
  private readonly running = new Map<Id, Running<State, Msg>>();
  private readonly entries: Map<Id, Actor<State, Msg, Timer, Random, Storage>>;
  private readonly random: () => number;
  private readonly sink: EventSink | undefined;
  private readonly pendingSends = new Set<NodeJS.Timeout>();
  /** A network partition: per receiving actor, the actors whose datagrams it does not get. */
  private grudge: ReadonlyMap<Id, ReadonlySet<Id>> = new Map();

  constructor(
    entries: readonly SpawnEntry<State, Msg, Timer, Random, Storage>[],
    private readonly options: SpawnOptions<Msg, Storage> = {},
  ) {
    this.addressBook = new AddressBook(options.addressBook ?? []);
    this.codec = options.codec ?? plainJsonCodec<Msg>();
    this.faults = new FaultInjector(options.faults);
    this.storage = options.storageDir === undefined ? undefined : new StorageDirectory(options.storageDir, options.storageCodec ?? jsonStorageCodec<Storage>());
    this.random = options.random ?? Math.random;
    this.sink = options.log;
    this.entries = new Map(entries.map((e) => [e.id, e.actor]));
  }

  /** Ids ↔ addresses (ports given as 0 are the ones the system chose, once started). */
  get book(): AddressBook {
    return this.addressBook;
  }

  /** The ids of the actors this runtime runs. */
  get ids(): Id[] {
    return [...this.entries.keys()];
  }

  address(id: Id): SocketAddress {
    return this.book.addressOf(id);
  }

  /** The actor's current state (undefined while it is crashed). */
  state(id: Id): State | undefined {
    const r = this.running.get(id);
    return r?.alive ? r.state : undefined;
  }

  /** Binds the actor's socket and runs `onStart` with its storage (after a crash: a restart). */
  async start(id: Id): Promise<void> {
    if (this.running.get(id)?.alive) return;
    const socket = await this.bind(id);
    try {
      this.boot(id, socket);
    } catch (error) {
      const r = this.running.get(id);
      if (r !== undefined) r.alive = false;
      socket.close();
      throw error;
    }
  }

  private async bind(id: Id): Promise<Socket> {
    if (!this.entries.has(id)) throw new RangeError(`no actor with id ${id}`);
    const address = this.address(id);
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (error: NodeJS.ErrnoException) => {
        socket.close();
        reject(
          new SpawnError(
            error.code === 'EADDRINUSE'
              ? `${formatAddress(address)} is already in use (is another server running there?)`
              : error.code === 'EADDRNOTAVAIL'
                ? `${address.host} is not an address of this machine`
                : `cannot bind ${formatAddress(address)}: ${error.message}`,
          ),
        );
      });
      socket.bind(address.port, address.host, () => resolve());
    });
    socket.removeAllListeners('error');
    return socket;
  }

  private boot(id: Id, socket: Socket): void {
    const actor = this.entries.get(id)!;
    socket.on('error', (error) => this.log({ event: 'error', actor: this.book.format(id), error: error.message }));
    const storage = this.storage !== undefined ? this.storage.load(this.address(id)) : this.memory.get(id);
    const r: Running<State, Msg> = {
      socket,
      state: undefined as State,
      timers: new Map(),
      randoms: new Map(),
      ignored: new IgnoredMessages<Msg>(this.options.maxIgnored ?? DEFAULT_MAX_IGNORED),
      alive: true,
      paused: undefined,
    };
    this.running.set(id, r);
    this.log({ event: 'start', actor: this.book.format(id), restored: storage !== undefined });
    const out = new Out<Msg, Timer, Random, Storage>();
    r.state = actor.onStart(id, storage, out);
    this.execute(id, r, out.commands);
    socket.on('message', (buffer, rinfo) => this.receive(id, r, buffer, rinfo));
  }

  /**
   * Cuts the network: actor `dst` no longer receives from the actors in `grudge.get(dst)`
   * (datagrams from them are lost on arrival, as a firewall would drop them). An empty map heals
   * it. Only traffic between the runtime's known ids is cut: clients keep reaching every server.
   */
  partition(grudge: ReadonlyMap<Id, ReadonlySet<Id>>): void {
    this.grudge = grudge;
  }

  /** Stops the actor handling anything (datagrams and timers wait) until {@link resume}; its memory stays. */
  pause(id: Id): void {
    const r = this.running.get(id);
    if (r === undefined || !r.alive || r.paused !== undefined) return;
    r.paused = [];
    this.log({ event: 'pause', actor: this.book.format(id) });
  }

  /** Handles, in order, what arrived and fired while the actor was paused, then carries on. */
  resume(id: Id): void {
    const r = this.running.get(id);
    if (r === undefined || r.paused === undefined) return;
    const backlog = r.paused;
    r.paused = undefined;
    this.log({ event: 'resume', actor: this.book.format(id), backlog: backlog.length });
    for (const run of backlog) if (r.alive && r.paused === undefined) run();
  }

  /** Runs `work` now, or on resume when the actor is paused; false when the backlog is full. */
  private whenRunning(r: Running<State, Msg>, work: () => void): void {
    if (r.paused === undefined) work();
    else if (r.paused.length < PAUSED_BACKLOG) r.paused.push(work);
  }

  /** Kills the actor: its socket, timers, random choices and volatile state are gone; storage stays. */
  async crash(id: Id, reason: 'crash' | 'stop' = 'crash'): Promise<void> {
    const r = this.running.get(id);
    if (r === undefined || !r.alive) return;
    r.alive = false;
    r.paused = undefined;
    for (const t of [...r.timers.values(), ...r.randoms.values()]) clearTimeout(t);
    r.timers.clear();
    r.randoms.clear();
    r.ignored.clear();
    if (reason === 'crash') this.log({ event: 'crash', actor: this.book.format(id) });
    await new Promise<void>((resolve) => r.socket.close(() => resolve()));
  }

  /**
   * Starts every actor: binds every socket first, so that ports given as 0 (chosen by the system)
   * are in the address book before any actor sends.
   */
  async startAll(): Promise<void> {
    const sockets = new Map<Id, Socket>();
    try {
      for (const id of this.entries.keys()) sockets.set(id, await this.bind(id));
    } catch (error) {
      for (const socket of sockets.values()) socket.close();
      throw error;
    }
    const listed = this.addressBook.addresses.map((a, id) => {
      const socket = sockets.get(id);
      return a.port === 0 && socket !== undefined ? { host: a.host, port: socket.address().port } : a;
    });
    this.addressBook = new AddressBook(listed);
    try {
      for (const [id, socket] of sockets) this.boot(id, socket);
    } catch (error) {
      // e.g. a storage file that does not decode: stop the ones that started, close the rest
      await this.stop();
      for (const [id, socket] of sockets) if (!this.running.has(id)) socket.close();
      throw error;
    }
  }

  /** Stops every actor and drops the datagrams still waiting in the fault layer's delays. */
  async stop(): Promise<void> {
    for (const t of this.pendingSends) clearTimeout(t);
    this.pendingSends.clear();
    for (const id of this.running.keys()) await this.crash(id, 'stop');
  }

  /** Reports an event; built only when someone listens (sends and receives are the hot path). */
  private log(make: RuntimeEvent | (() => RuntimeEvent)): void {
    if (this.sink !== undefined) this.sink(typeof make === 'function' ? make() : make);
  }

  private receive(id: Id, r: Running<State, Msg>, buffer: Buffer, rinfo: { address: string; port: number; family: string }): void {
    if (!r.alive || rinfo.family !== 'IPv4') return;
    const src = this.book.idOf({ host: rinfo.address, port: rinfo.port });
    if (this.grudge.get(id)?.has(src)) return;
    if (r.paused !== undefined) {
      this.whenRunning(r, () => this.handle(id, r, src, buffer));
      return;
    }
    this.handle(id, r, src, buffer);
  }

  private handle(id: Id, r: Running<State, Msg>, src: Id, buffer: Buffer): void {
    let msg: Msg;
    try {
      msg = this.codec.decode(buffer.toString('utf8'));
    } catch (error) {
      this.log({ event: 'undecodable', actor: this.book.format(id), from: this.book.format(src), bytes: buffer.length, error: message(error) });
      return;
    }
    this.log(() => ({ event: 'receive', actor: this.book.format(id), from: this.book.format(src), msg: this.show(msg) }));
    const result = this.deliver(id, r, { src, msg });
    if (result === 'ignored') this.keepIgnored(id, r, src, msg);
  }

  private deliver(id: Id, r: Running<State, Msg>, { src, msg }: KeptMessage<Msg>): StepResult {
    return this.step(id, r, (out) => this.entries.get(id)!.onMsg?.(id, r.state, src, msg, out));
  }

  private keepIgnored(id: Id, r: Running<State, Msg>, src: Id, msg: Msg): void {
    const dropped = r.ignored.keep(src, msg);
    this.log(() => ({ event: 'ignored', actor: this.book.format(id), from: this.book.format(src), msg: this.show(msg), kept: r.ignored.size }));
    if (dropped !== undefined) {
      this.log({ event: 'drop-ignored', actor: this.book.format(id), from: this.book.format(dropped.src), msg: this.show(dropped.msg), limit: r.ignored.limit });
    }
  }

  /**
   * Runs one handler; a throw discards the step. After a step that touched the state, the
   * messages the actor ignored are offered again (ignored.ts says why only then).
   */
  private step(id: Id, r: Running<State, Msg>, handler: (out: Out<Msg, Timer, Random, Storage>) => State | void): StepResult {
    const out = new Out<Msg, Timer, Random, Storage>();
    let next: State | void;
    try {
      next = handler(out);
    } catch (error) {
      this.log({ event: 'error', actor: this.book.format(id), error: `handler failed, step discarded: ${message(error)}` });
      return 'failed';
    }
    if (next !== undefined) r.state = next;
    this.execute(id, r, out.commands);
    const result: StepResult = next !== undefined ? 'touched' : out.commands.length > 0 ? 'output' : 'ignored';
    r.ignored.afterStep(
      result,
      (kept) => (r.alive ? this.deliver(id, r, kept) : 'ignored'),
      (kept) => this.log(() => ({ event: 'redeliver', actor: this.book.format(id), from: this.book.format(kept.src), msg: this.show(kept.msg) })),
    );
    return result;
  }

  private execute(id: Id, r: Running<State, Msg>, commands: readonly Command<Msg, Timer, Random, Storage>[]): void {
    for (const c of commands) {
      if (!r.alive) return;
      switch (c.kind) {
        case 'send':
          this.send(id, r, c.dst, c.msg);
          break;
        case 'setTimer': {
          const key = JSON.stringify(c.timer);
          clearTimeout(r.timers.get(key));
          const [lo, hi] = c.duration ?? this.options.defaultTimerMs ?? [1000, 2000];
          const ms = lo < hi ? lo + this.random() * (hi - lo) : lo;
          const timer = c.timer;
          r.timers.set(
            key,
            setTimeout(() => {
              r.timers.delete(key);
              if (!r.alive) return;
              this.whenRunning(r, () => {
                this.log({ event: 'timer', actor: this.book.format(id), timer });
                this.step(id, r, (out) => this.entries.get(id)!.onTimeout?.(id, r.state, timer, out));
              });
            }, ms),
          );
          break;
        }
        case 'cancelTimer': {
          const key = JSON.stringify(c.timer);
          clearTimeout(r.timers.get(key));
          r.timers.delete(key);
          break;
        }
        case 'chooseRandom': {
          clearTimeout(r.randoms.get(c.key));
          r.randoms.delete(c.key);
          if (c.choices.length === 0) break;
          const choice = c.choices[Math.min(c.choices.length - 1, Math.floor(this.random() * c.choices.length))];
          const key = c.key;
          const delay = this.random() * (this.options.randomDelayMs ?? 10_000);
          r.randoms.set(
            key,
            setTimeout(() => {
              r.randoms.delete(key);
              if (!r.alive) return;
              this.whenRunning(r, () => {
                this.log({ event: 'random', actor: this.book.format(id), key, choice });
                this.step(id, r, (out) => this.entries.get(id)!.onRandom?.(id, r.state, choice, out));
              });
            }, delay),
          );
          break;
        }
        case 'save':
          try {
            if (this.storage !== undefined) this.storage.save(this.address(id), c.storage);
            else this.memory.set(id, c.storage);
            this.log({ event: 'save', actor: this.book.format(id) });
          } catch (error) {
            this.log({ event: 'error', actor: this.book.format(id), error: `cannot save: ${message(error)}` });
          }
          break;
        case 'record':
          this.options.onRecord?.(id, c.event);
          break;
      }
    }
  }

  private send(id: Id, r: Running<State, Msg>, dst: Id, msg: Msg): void {
    const actor = this.book.format(id);
    let bytes: Buffer;
    try {
      bytes = Buffer.from(this.codec.encode(msg), 'utf8');
    } catch (error) {
      this.log({ event: 'error', actor, error: `cannot encode a message to ${this.book.format(dst)}: ${message(error)}` });
      return;
    }
    if (bytes.length > MAX_DATAGRAM) {
      this.log({ event: 'error', actor, error: `a ${bytes.length}-byte message to ${this.book.format(dst)} exceeds a datagram (${MAX_DATAGRAM})` });
      return;
    }
    const to = this.address(dst);
    const copies = this.faults.copies();
    this.log(() => ({ event: 'send', actor, to: formatAddress(to), msg: this.show(msg), copies: copies.length }));
    const transmit = (): void => {
      if (!r.alive) return;
      r.socket.send(bytes, to.port, to.host, (error) => {
        if (error) this.log({ event: 'error', actor, error: `send to ${formatAddress(to)} failed: ${error.message}` });
      });
    };
    for (const delay of copies) {
      if (delay <= 0) transmit();
      else {
        const t = setTimeout(() => {
          this.pendingSends.delete(t);
          transmit();
        }, delay);
        this.pendingSends.add(t);
      }
    }
  }

  /** A message as the log shows it: its wire JSON when the codec gives JSON, else its text. */
  private show(msg: Msg): unknown {
    const text = this.codec.encode(msg);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Starts the actors (each bound to its id's address) and resolves once every socket is bound. */
export async function spawn<State, Msg, Timer = never, Random = never, Storage = never>(
  actors: readonly SpawnEntry<State, Msg, Timer, Random, Storage>[],
  options: SpawnOptions<Msg, Storage> = {},
): Promise<Runtime<State, Msg, Timer, Random, Storage>> {
  const runtime = new Runtime(actors, options);
  await runtime.startAll();
  return runtime;
}
