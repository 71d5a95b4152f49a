/**
 * Fast deterministic hashing and pseudo-randomness for the simulator. Not
 * cryptographic: it only has to spread similar strings evenly.
 */

/** 32-bit hash of a string: FNV-1a over UTF-16 code units, finished with the murmur3 mixer. */
export function hash32(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/** The murmur3 finaliser: makes every input bit affect every output bit. */
export function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A number in [0, 1) drawn from the hash of a string. */
export function hashUnit(text: string, seed = 0): number {
  return hash32(text, seed) / 4294967296;
}

/** A number in [0, 1) drawn from an integer (a sequence number) and a seed. */
export function unitFromInteger(value: number, seed: number): number {
  return mix32(mix32(value ^ 0x9e3779b9) ^ Math.imul(seed | 0, 0x27d4eb2d)) / 4294967296;
}

/** Picks one element of a non-empty list from a hash value. */
export function pick<T>(items: readonly T[], hash: number): T {
  return items[hash % items.length];
}

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string of letters and digits (ids only; not for secrets). */
export function randomAlphanumeric(length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) {
    text += alphanumeric[Math.floor(Math.random() * alphanumeric.length)];
  }
  return text;
}

/** A random lower-case hex string (ids only; not for secrets). */
export function randomHex(length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) {
    text += Math.floor(Math.random() * 16).toString(16);
  }
  return text;
}
