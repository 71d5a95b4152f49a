import { hash } from 'node:crypto';
import type { ShardSpec } from '../settings/run-config.js';

/**
 * The shard (0-based, below `count`) an item belongs to: a hash of its item key modulo the
 * count. It depends on the row's content only (never its position), so adding, removing or
 * reordering other rows leaves every row where it was; the repeats of a row share its item
 * key, so they stay with it.
 */
export function shardOfItem(itemKey: string, count: number): number {
  if (count <= 1) return 0;
  // 48 bits of sha256: evenly spread whatever the key looks like, and exact in a double.
  const value = Number.parseInt(hash('sha256', itemKey).slice(0, 12), 16);
  return value % count;
}

/** True when the item belongs to `shard` (always, without a shard). */
export function inShard(itemKey: string, shard: ShardSpec | null | undefined): boolean {
  return !shard || shardOfItem(itemKey, shard.count) === shard.index;
}

/** `i/n`, as the flag and the messages write a shard. */
export function shardLabel(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}
