/**
 * What one shard has received in one attempt of a level: the batches of every other shard, by
 * number, and the count each announced in its end marker. Internal.
 *
 * Why "complete" means the level's input is all there. A sender numbers its batches to this
 * owner 0, 1, … within the attempt and sends its end marker last, with their count; the
 * marker is published only once JetStream has stored every one of those batches. So once the
 * marker of every other shard is in and, from each, as many distinct numbers as it announced,
 * every record sent to this shard in the attempt has been merged. Nothing here depends on the
 * order of delivery: a batch that comes after its sender's marker (delivered again once its
 * acknowledgement wait ran out, say after a server restart) is waited for, and one delivered
 * twice is merged once (merging it again would change nothing anyway: the owner keeps the
 * smallest (parent, action) per state). test/cluster/shard.test.ts runs shards through this
 * with messages shuffled and repeated against the one-thread BFS.
 */
export class LevelInput {
  private readonly received = new Map<number, Set<number>>();
  private readonly announced = new Map<number, number>();

  constructor(
    private readonly shards: number,
    private readonly me: number,
  ) {}

  /** Batch `seq` from shard `from`: true the first time (merge it), false when it is delivered again. */
  batch(from: number, seq: number): boolean {
    let seen = this.received.get(from);
    if (seen === undefined) this.received.set(from, (seen = new Set()));
    if (seen.has(seq)) return false;
    seen.add(seq);
    return true;
  }

  /** Shard `from`'s end marker: it sent `batches` batches to this shard in the attempt. */
  end(from: number, batches: number): void {
    this.announced.set(from, batches);
  }

  /** Every other shard's end marker is in, with every batch it counts. */
  get complete(): boolean {
    for (let j = 0; j < this.shards; j++) {
      if (j === this.me) continue;
      const n = this.announced.get(j);
      if (n === undefined || (this.received.get(j)?.size ?? 0) < n) return false;
    }
    return true;
  }
}
