/**
 * From a history file (or its text) to what the engine checks: read the format, index and pair
 * the ops, choose the model, and translate every operation for it. Every problem is a
 * HistoryError with the file and line.
 */
import { closeSync, openSync, statSync } from 'node:fs';
import { detectFormat, DETECTION_WINDOW, firstMeaningfulOffset } from './detect-format.js';
import type { FormatName } from './detect-format.js';
import type { LocatedForm } from './edn-reader.js';
import { EdnHistoryStream, readEdnHistoryForms } from './edn-stream.js';
import { HistoryError, LineError, withFile } from './history-error.js';
import { readHistoryHeader } from './history-header.js';
import type { HistoryHeader } from './history-header.js';
import { independentModel, unwrapIndependent } from './independent.js';
import type { IndependentKey } from './independent.js';
import { pairOperations } from './jepsen-history.js';
import type { PairedHistory, PairedOperation, Reading } from './jepsen-history.js';
import { isClient, JepsenOpReader, toJepsenOps } from './jepsen-op.js';
import type { JepsenOp } from './jepsen-op.js';
import { inferModel, isMicroOpList, toModelStep } from './jepsen-to-model.js';
import { readJsonHistoryForms, readJsonLinesForms, readJsonLinesInto } from './json-reader.js';
import { CHUNK_BYTES, lineChunks, MIN_CHUNK_BYTES } from './line-chunks.js';
import type { LineChunk } from './line-chunks.js';
import { readPorcupineEtcdForms } from './porcupine-etcd.js';
import { readCanonicalKvOps } from './porcupine-kv.js';
import type { AnyModel, Operation } from '../consistency/model.js';
import { kvStoreModel, modelByName } from '../consistency/models/index.js';
import type { KvState, ModelName } from '../consistency/models/index.js';
import type { Value } from '../consistency/value.js';

/** Model names on the command line: the registry's, plus `kv-nopartition` (kv as one state). */
export type HistoryModelName = ModelName | 'kv-nopartition';

export interface LoadOptions {
  /** `auto` (the default) detects the format from the content. */
  readonly format?: FormatName | 'auto';
  /** Default: implied by the format, else inferred from the `:f` names. */
  readonly model?: HistoryModelName;
  /** The model's initial state (default: Porcupine etcd starts at null, otherwise the model's own). */
  readonly init?: Value;
  /** Values are `[key value]` tuples; each key is checked on its own. */
  readonly independent?: boolean;
}

export interface LoadedHistory {
  readonly file: string;
  readonly format: FormatName;
  readonly modelName: HistoryModelName;
  readonly model: AnyModel;
  readonly reading: Reading;
  /** The initial state the model was built with (undefined: the model's own). */
  readonly init: Value | undefined;
  readonly independent: boolean;
  /** Every op of the file, indexed (Knossos's P1). */
  readonly ops: readonly JepsenOp[];
  readonly paired: PairedHistory;
  /** What the engine checks; each `id` is the completion's index. */
  readonly operations: readonly Operation<unknown, unknown>[];
  /** The paired Jepsen operation behind each engine operation id, as in the file (with `independent`, values are still `[key value]` tuples; see `unwrapIndependent`). */
  readonly byId: ReadonlyMap<number, PairedOperation>;
  /** With `independent`: the key of each engine operation id. */
  readonly keyById: ReadonlyMap<number, IndependentKey>;
}

/**
 * Reads and prepares a history file. Missing files, directories and empty files are HistoryErrors.
 * JSON Lines and EDN are read as a stream of text (see {@link readOpsStreaming}); the other
 * formats, which are small in practice, as one text.
 */
export function loadHistoryFile(path: string, options: LoadOptions = {}): LoadedHistory {
  let fd: number;
  let bufferBytes: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new HistoryError(path, 0, 'is a directory, not a history file');
    // A small file gets a buffer of its own size: a full chunk's buffer for each of a hundred small
    // files was a tenth of reading them. The size is only a hint (the end is where reading stops),
    // and a pipe or device, whose size says nothing, gets full chunks.
    bufferBytes = stats.isFile() ? Math.min(CHUNK_BYTES, Math.max(stats.size + 1, MIN_CHUNK_BYTES)) : CHUNK_BYTES;
    fd = openSync(path, 'r');
  } catch (error) {
    if (error instanceof HistoryError) throw error;
    throw cannotRead(path, error);
  }
  try {
    const chunks = lineChunks(fd, bufferBytes);
    const first = nextChunk(path, chunks);
    const requested = options.format ?? 'auto';
    const start = firstMeaningfulOffset(first.text);
    // Detection reads a window after the first meaningful character (detect-format.ts): the first
    // chunk decides when it holds that window, else the whole text does.
    const detectable = first.last || (start >= 0 && start + DETECTION_WINDOW < first.text.length);
    const format = requested !== 'auto' ? requested : detectable ? detectFormat(first.text, path) : null;
    if (format === 'jsonl' || format === 'edn') {
      return withFile(path, () => prepareHistory(path, format, readOpsStreaming(format, first, () => nextChunk(path, chunks)), options));
    }
    let text = first.text;
    for (let chunk = first; !chunk.last; ) {
      chunk = nextChunk(path, chunks);
      text += chunk.text;
    }
    return parseHistory(path, text, options);
  } finally {
    closeSync(fd);
  }
}

function nextChunk(path: string, chunks: Generator<LineChunk>): LineChunk {
  try {
    return chunks.next().value as LineChunk;
  } catch (error) {
    throw cannotRead(path, error);
  }
}

function cannotRead(path: string, error: unknown): HistoryError {
  const code = (error as NodeJS.ErrnoException).code;
  return new HistoryError(path, 0, code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(error)})`);
}

/**
 * The ops of a JSON Lines or EDN file, read chunk by chunk: each form becomes an op as it is
 * read, so neither the text nor the forms are held whole. Errors are those of reading the whole
 * text first: a syntax error anywhere wins over a malformed op map earlier in the file, which is
 * kept until the reading ends.
 */
function readOpsStreaming(format: 'jsonl' | 'edn', first: LineChunk, next: () => LineChunk): HeadedOps {
  const reader = new JepsenOpReader();
  const ops: JepsenOp[] = [];
  let header: HistoryHeader | null = null;
  let forms = 0;
  let malformed: unknown;
  const sink = (form: LocatedForm): void => {
    if (malformed !== undefined) return;
    try {
      if (forms++ === 0 && (header = readHistoryHeader(form)) !== null) return;
      ops.push(reader.read(form));
    } catch (error) {
      malformed = error;
    }
  };
  const edn = format === 'edn' ? new EdnHistoryStream(sink) : null;
  for (let chunk = first; ; chunk = next()) {
    if (edn) edn.feed(chunk.text, chunk.firstLine, chunk.last);
    else readJsonLinesInto(chunk.text, chunk.firstLine, sink);
    if (chunk.last) break;
  }
  if (malformed !== undefined) throw malformed;
  return { header, ops };
}

/** A file's ops, and its header when its first map is one. */
interface HeadedOps {
  readonly header: HistoryHeader | null;
  readonly ops: readonly JepsenOp[];
}

function headedOps(forms: readonly LocatedForm[]): HeadedOps {
  const header = forms.length > 0 ? readHistoryHeader(forms[0]) : null;
  return { header, ops: toJepsenOps(header === null ? forms : forms.slice(1)) };
}

/** Prepares a history from its text; `file` names it in errors. */
export function parseHistory(file: string, text: string, options: LoadOptions = {}): LoadedHistory {
  return withFile(file, () => {
    const requested = options.format ?? 'auto';
    const format = requested === 'auto' ? detectFormat(text, file) : requested;
    if (format === null) throw new LineError(0, 'the file is empty (a history needs at least one op)');
    // Porcupine's kv lines have a reader of their own (porcupine-kv.ts), which gives up on the
    // first line of another shape; the general reader then reads the whole text.
    const canonical = format === 'porcupine-kv' ? readCanonicalKvOps(text) : null;
    return prepareHistory(file, format, canonical !== null ? { header: null, ops: canonical } : headedOps(readForms(format, text)), options);
  });
}

/**
 * Pairs the ops, chooses the model, and translates every operation for it. Options win over the
 * header; the header's initial value is the register's initial state, except for the write-once
 * register, whose model holds nil until written: there a read of that value reads nil, definitely.
 */
function prepareHistory(file: string, format: FormatName, { header, ops }: HeadedOps, options: LoadOptions): LoadedHistory {
  if (ops.length === 0) throw new LineError(0, 'the file holds no ops');
  const reading: Reading = format === 'porcupine-etcd' ? 'porcupine-etcd' : format === 'porcupine-kv' ? 'porcupine-kv' : 'knossos';
  const paired = pairOperations(ops, reading);
  const modelName = chooseModel(format, options.model ?? (header?.model as HistoryModelName | undefined), ops);
  const declaredInit = options.init === undefined ? header?.init : undefined;
  const emptyRead = modelName === 'write-once-register' ? declaredInit : undefined;
  const initFromHeader = emptyRead === undefined && declaredInit !== undefined;
  const init = options.init !== undefined ? options.init : initFromHeader ? declaredInit : format === 'porcupine-etcd' ? null : undefined;
  const baseModel = initFromHeader ? atHeaderLine(header!.line, () => buildModel(modelName, init)) : buildModel(modelName, init);
  const registryName: ModelName = modelName === 'kv-nopartition' ? 'kv' : modelName;
  const operations: Operation<unknown, unknown>[] = [];
  const byId = new Map<number, PairedOperation>();
  const keyById = new Map<number, IndependentKey>();
  const independent = options.independent ?? false;
  for (const pairedOp of paired.operations) {
    let op = pairedOp;
    let key: IndependentKey | undefined;
    if (independent) ({ key, operation: op } = unwrapIndependent(pairedOp));
    const { input, output, status } = toModelStep(registryName, op, reading, emptyRead);
    const id = op.completion.index;
    operations.push({
      id,
      process: op.invocation.process,
      input: key === undefined ? input : { key, input },
      output,
      status,
      call: op.call,
      return: op.return,
    });
    // The file's own operation (with --independent, its values still [key value] tuples): the
    // unwrapped copy is only needed for the translation, and keeping it would hold every op twice.
    byId.set(id, pairedOp);
    if (key !== undefined) keyById.set(id, key);
  }
  const model = independent ? independentModel(baseModel) : baseModel;
  return { file, format, modelName, model, reading, init, independent, ops, paired, operations, byId, keyById };
}

function readForms(format: FormatName, text: string): LocatedForm[] {
  switch (format) {
    case 'edn':
    case 'porcupine-kv':
      return readEdnHistoryForms(text);
    case 'json':
      return readJsonHistoryForms(text);
    case 'jsonl':
      return readJsonLinesForms(text);
    case 'porcupine-etcd':
      return readPorcupineEtcdForms(text);
  }
}

function chooseModel(format: FormatName, requested: HistoryModelName | undefined, ops: readonly JepsenOp[]): HistoryModelName {
  if (requested !== undefined) return requested;
  if (format === 'porcupine-etcd') return 'cas-register';
  if (format === 'porcupine-kv') return 'kv';
  const functions = new Set<string>();
  for (const op of ops) if (isClient(op)) functions.add(op.f);
  // A history with no client operations (only nemesis ops) is trivially valid under any model.
  if (functions.size === 0) return 'register';
  // Transactions of micro-ops, whatever their :f is called (:txn, or :read and :write).
  const invocations = ops.filter((op) => isClient(op) && op.type === 'invoke');
  if (invocations.some((op) => Array.isArray(op.value) && op.value.length > 0) && invocations.every((op) => isMicroOpList(op.value))) return 'multi-register';
  const inferred = inferModel(functions);
  if (typeof inferred === 'string') return inferred;
  throw new LineError(0, `cannot tell which model to check against: ${inferred.reason}; pass --model`);
}

/** A model that cannot start from the header's initial value is reported at the header's line. */
function atHeaderLine<T>(line: number, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof LineError && error.line === 0) throw new LineError(line, `the header's :init: ${error.detail}`);
    throw error;
  }
}

/** The model of this name (as `--model` names it) from this initial state. */
export function buildModel(name: HistoryModelName, init: Value | undefined): AnyModel {
  try {
    if (name === 'kv-nopartition') {
      const kv = modelByName('kv', init);
      return kvStoreModel({ init: kv.init as KvState });
    }
    return modelByName(name, init);
  } catch (error) {
    throw new LineError(0, error instanceof Error ? error.message : String(error));
  }
}
