/**
 * Runs the shards of a cluster BFS in one process, with the messages between them delivered in an
 * order chosen by `shuffle`: the level protocol without NATS, for differential tests.
 */
import { boundedInitStates, type Model } from '../../src/checker/model.js';
import { ownerOf, Shard } from '../../src/cluster/shard.js';
import { KIND_BATCH, readHeader, wireCodecOf } from '../../src/cluster/wire.js';

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

export async function runInProcess<State, Action>(model: Model<State, Action>, shards: number, shuffle: <T>(xs: T[]) => T[], targetMaxDepth = Infinity): Promise<InProcessOutcome<State, Action>> {
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
      popped += stats.popped;
      generated += stats.generated;
      sent += stats.remote - stats.cacheDropped;
      dropped += stats.cacheDropped;
      for (const [i] of stats.discoveries) discoveryDepth[i] ??= depth;
    }
    if (popped > 0) maxDepth = depth;
    let added = 0;
    all.forEach((s, k) => {
      for (const m of shuffle(inbox[k])) {
        const { header, bytes } = readHeader(m);
        if (header.kind !== KIND_BATCH) throw new Error('not a batch');
        s.merge(bytes, header.count);
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
