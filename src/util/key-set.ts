/**
 * A set of hex keys that stays small at a million entries: each key is kept as
 * the 64 bits of its first 16 hex characters in open-addressed typed arrays
 * (8 bytes a slot, at most half the slots used), instead of one JS string each (about 100 bytes).
 * Keys must be hex strings of at least 16 characters; two keys that agree on
 * those 16 characters count as the same (1 in 2^64).
 */
export class KeySet {
  private high: Uint32Array;
  private low: Uint32Array;
  /** An all-zero slot is empty, so the key whose 64 bits are all zero is kept here instead. */
  private hasZero = false;
  private count = 0;

  /** Sized for `initialCapacity` keys; it doubles (and copies itself) only past that. */
  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    const [high, low] = split(key);
    if (high === 0 && low === 0) return this.hasZero;
    return this.find(high, low) >= 0;
  }

  /** Adds the key; returns false when it was already present. */
  add(key: string): boolean {
    const [high, low] = split(key);
    if (high === 0 && low === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      this.count += 1;
      return true;
    }
    if (this.find(high, low) >= 0) return false;
    if ((this.count + 1) * 2 > this.high.length) this.grow();
    this.insert(high, low);
    this.count += 1;
    return true;
  }

  private find(high: number, low: number): number {
    const mask = this.high.length - 1;
    let slot = (low ^ high) & mask;
    while (this.high[slot] !== 0 || this.low[slot] !== 0) {
      if (this.high[slot] === high && this.low[slot] === low) return slot;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private insert(high: number, low: number): void {
    const mask = this.high.length - 1;
    let slot = (low ^ high) & mask;
    while (this.high[slot] !== 0 || this.low[slot] !== 0) slot = (slot + 1) & mask;
    this.high[slot] = high;
    this.low[slot] = low;
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(high.length * 2);
    for (let index = 0; index < high.length; index += 1) {
      if (high[index] !== 0 || low[index] !== 0) this.insert(high[index], low[index]);
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
