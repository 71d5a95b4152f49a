/**
 * A set of hex keys that stays small at a million entries: each key is kept as
 * the 64 bits of its first 16 hex characters in open-addressed typed arrays
 * (about 16 bytes a key), instead of one JS string each (about 100 bytes).
 * Keys must be hex strings of at least 16 characters; two keys that agree on
 * those 16 characters count as the same (1 in 2^64).
 */
export class KeySet {
  private high: Uint32Array;
  private low: Uint32Array;
  private used: Uint8Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    const [high, low] = split(key);
    return this.find(high, low) >= 0;
  }

  /** Adds the key; returns false when it was already present. */
  add(key: string): boolean {
    const [high, low] = split(key);
    if (this.find(high, low) >= 0) return false;
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    this.insert(high, low);
    this.count += 1;
    return true;
  }

  private find(high: number, low: number): number {
    const mask = this.used.length - 1;
    let slot = (low ^ high) & mask;
    while (this.used[slot] === 1) {
      if (this.high[slot] === high && this.low[slot] === low) return slot;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private insert(high: number, low: number): void {
    const mask = this.used.length - 1;
    let slot = (low ^ high) & mask;
    while (this.used[slot] === 1) slot = (slot + 1) & mask;
    this.used[slot] = 1;
    this.high[slot] = high;
    this.low[slot] = low;
  }

  private grow(): void {
    const { high, low, used } = this;
    this.high = new Uint32Array(used.length * 2);
    this.low = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let index = 0; index < used.length; index += 1) {
      if (used[index] === 1) this.insert(high[index], low[index]);
    }
  }
}

function split(key: string): [number, number] {
  if (key.length < 16) throw new Error(`KeySet keys need 16 hex characters, got '${key}'`);
  const high = Number.parseInt(key.slice(0, 8), 16);
  const low = Number.parseInt(key.slice(8, 16), 16);
  if (Number.isNaN(high) || Number.isNaN(low)) throw new Error(`KeySet keys must be hex, got '${key}'`);
  return [high >>> 0, low >>> 0];
}
