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
import type { Socket } from 'node:dgram';
import { Out, type Actor, type Command, type Id, type OperationEvent } from '../actor/index.js';
import { AddressBook, type SocketAddress } from './address.js';
import { SpawnError, bindSocket } from './bind.js';
import { plainJsonCodec, type MessageCodec } from './codec.js';
import type { EventSink, RuntimeEvent } from './events.js';
import { FaultInjector, type FaultPlan } from './faults.js';
import { DEFAULT_MAX_IGNORED, IgnoredMessages, type KeptMessage, type StepResult } from './ignored.js';
import { arm, disarm, whenRunning, type Running } from './running.js';
import { DatagramSender, MAX_DATAGRAM, errorText as message } from './sender.js';
import { StorageDirectory, jsonStorageCodec, type StorageCodec } from './storage.js';

export { MAX_DATAGRAM, SpawnError };

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

export class Runtime<State, Msg, Timer = never, Random = never, Storage = never> {
  private addressBook: AddressBook;
  private readonly codec: MessageCodec<Msg>;
  private readonly sender: DatagramSender<Msg>;
  private readonly storage: StorageDirectory<Storage> | undefined;
  private readonly memory = new Map<Id, Storage>();
  private readonly running = new Map<Id, Running<State, Msg>>();
  private readonly entries: Map<Id, Actor<State, Msg, Timer, Random, Storage>>;
  private readonly random: () => number;
  private readonly sink: EventSink | undefined;
  /** A network partition: per receiving actor, the actors whose datagrams it does not get. */
  private grudge: ReadonlyMap<Id, ReadonlySet<Id>> = new Map();

  constructor(
    entries: readonly SpawnEntry<State, Msg, Timer, Random, Storage>[],
    private readonly options: SpawnOptions<Msg, Storage> = {},
  ) {
    this.addressBook = new AddressBook(options.addressBook ?? []);
    this.codec = options.codec ?? plainJsonCodec<Msg>();
    this.sender = new DatagramSender(this.codec, new FaultInjector(options.faults), (make) => this.log(make));
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
    return bindSocket(this.address(id));
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
    this.sender.dropPending();
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
      whenRunning(r as Running<unknown, unknown>, () => this.handle(id, r, src, buffer));
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
          const [lo, hi] = c.duration ?? this.options.defaultTimerMs ?? [1000, 2000];
          const timer = c.timer;
          arm(r, r.timers, JSON.stringify(timer), lo < hi ? lo + this.random() * (hi - lo) : lo, () => {
            this.log({ event: 'timer', actor: this.book.format(id), timer });
            this.step(id, r, (out) => this.entries.get(id)!.onTimeout?.(id, r.state, timer, out));
          });
          break;
        }
        case 'cancelTimer':
          disarm(r.timers, JSON.stringify(c.timer));
          break;
        case 'chooseRandom': {
          disarm(r.randoms, c.key);
          if (c.choices.length === 0) break;
          const choice = c.choices[Math.min(c.choices.length - 1, Math.floor(this.random() * c.choices.length))];
          const key = c.key;
          arm(r, r.randoms, key, this.random() * (this.options.randomDelayMs ?? 10_000), () => {
            this.log({ event: 'random', actor: this.book.format(id), key, choice });
            this.step(id, r, (out) => this.entries.get(id)!.onRandom?.(id, r.state, choice, out));
          });
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
    const from = { name: this.book.format(id), socket: r.socket, get alive() { return r.alive; } };
    this.sender.send(from, this.address(dst), this.book.format(dst), msg);
  }

  private show(msg: Msg): unknown {
    return this.sender.show(msg);
  }
}

/** Starts the actors (each bound to its id's address) and resolves once every socket is bound. */
export async function spawn<State, Msg, Timer = never, Random = never, Storage = never>(
  actors: readonly SpawnEntry<State, Msg, Timer, Random, Storage>[],
  options: SpawnOptions<Msg, Storage> = {},
): Promise<Runtime<State, Msg, Timer, Random, Storage>> {
  const runtime = new Runtime(actors, options);
  await runtime.startAll();
  return runtime;
}
