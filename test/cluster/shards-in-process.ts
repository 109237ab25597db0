/**
 * Runs the shards of a cluster BFS in one process, with the messages between them (batches and
 * end markers) delivered in an order chosen by `shuffle`, some of them more than once
 * (`repeat`): the level protocol without NATS, for differential tests. An owner ends its level
 * as a session does, as soon as its {@link LevelInput} is complete; what it would receive after
 * that must be repeats.
 */
import { boundedInitStates, type Model } from '../../src/checker/model.js';
import { ownerOf, Shard } from '../../src/cluster/shard.js';
import { LevelInput } from '../../src/cluster/level-input.js';
import { headerOnly, KIND_BATCH, KIND_END, readHeader, wireCodecOf } from '../../src/cluster/wire.js';

export interface InProcessOutcome<State, Action> {
  generated: number;
  unique: number;
  maxDepth: number;
  /** Per property: the depth of its first discovery, or undefined. */
  discoveryDepth: (number | undefined)[];
  shards: Shard<State, Action>[];
  sent: number;
  dropped: number;
}

export async function runInProcess<State, Action>(
  model: Model<State, Action>,
  shards: number,
  shuffle: <T>(xs: T[]) => T[],
  targetMaxDepth = Infinity,
  repeat: (message: Uint8Array) => boolean = () => false,
): Promise<InProcessOutcome<State, Action>> {
  const codec = wireCodecOf(model);
  if (typeof codec === 'string') throw new Error(codec);
  const properties = model.properties();
  const all = Array.from({ length: shards }, (_, k) => new Shard(model, properties, codec, k, shards, targetMaxDepth));
  for (const s of all) s.loadInits();
  let generated = boundedInitStates(model).length;
  let unique = all.reduce((n, s) => n + s.visited.size, 0);
  let maxDepth = 0;
  let sent = 0;
  let dropped = 0;
  const discoveryDepth: (number | undefined)[] = properties.map(() => undefined);
  for (let depth = 1; ; depth++) {
    const inbox: Uint8Array[][] = all.map(() => []);
    let popped = 0;
    for (const s of shuffle([...all])) {
      s.beginLevel(false);
      const stats = (await s.expand(depth, 1, discoveryDepth.map((d) => d !== undefined), async (owner, m) => void inbox[owner].push(m), () => false))!;
      for (let owner = 0; owner < shards; owner++) if (owner !== s.shard) inbox[owner].push(headerOnly(KIND_END, depth, 1, s.shard, s.batchesSentTo(owner)));
      popped += stats.popped;
      generated += stats.generated;
      sent += stats.remote - stats.cacheDropped;
      dropped += stats.cacheDropped;
      for (const [i] of stats.discoveries) discoveryDepth[i] ??= depth;
    }
    if (popped > 0) maxDepth = depth;
    let added = 0;
    all.forEach((s, k) => {
      const input = new LevelInput(shards, k);
      const delivered = shuffle([...inbox[k], ...inbox[k].filter(repeat)]);
      let at = 0;
      while (!input.complete) {
        if (at === delivered.length) throw new Error(`shard ${k} never completed level ${depth}`);
        const { header, bytes } = readHeader(delivered[at++]);
        if (header.kind === KIND_END) input.end(header.from, header.count);
        else if (header.kind !== KIND_BATCH) throw new Error('neither a batch nor an end marker');
        else if (input.batch(header.from, header.seq)) s.merge(bytes, header.count);
      }
      s.finishLevel(depth, 1);
      added += s.commit();
    });
    unique += added;
    if (added === 0) break;
  }
  return { generated, unique, maxDepth, discoveryDepth, shards: all, sent, dropped };
}

export { ownerOf };
