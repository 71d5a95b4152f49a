/**
 * Seeded pseudo-random numbers for reproducible resampling.
 *
 * The generator is xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021; reference code at
 * prng.di.unimi.it): 128 bits of state, period 2^128 − 1. Its four state words
 * are filled from the seed's two 32-bit halves SplitMix-style (Steele, Lea &
 * Flood, OOPSLA 2014: a Weyl sequence with step 0x9e3779b9 passed through the
 * MurmurHash3 fmix32 finaliser). The fill is one-to-one in the 64-bit seed, and
 * nearby seeds give unrelated streams.
 */

/** A function returning the next uniform number in [0, 1). */
export type Rng = () => number;

const twoToMinus32 = 1 / 4294967296;
/** 2^32 / φ, the SplitMix increment. */
const golden = 0x9e3779b9;

/**
 * The raw xoshiro128** step over a 4-word state (mutated in place); each call
 * returns the next unsigned 32-bit output. Exposed for the reference-vector test.
 *
 * result = rotl(s1 · 5, 7) · 9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2;
 * s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11).
 */
export function xoshiro128StarStar(state: Uint32Array): () => number {
  if (state.length !== 4) throw new RangeError('xoshiro128** needs exactly 4 state words');
  if ((state[0] | state[1] | state[2] | state[3]) === 0)
    throw new RangeError('xoshiro128** state must not be all zero');
  return () => {
    const s1 = state[1];
    const scaled = Math.imul(s1, 5);
    const result = Math.imul((scaled << 7) | (scaled >>> 25), 9) >>> 0;
    const shifted = s1 << 9;
    state[2] ^= state[0];
    state[3] ^= state[1];
    state[1] ^= state[2];
    state[0] ^= state[3];
    state[2] ^= shifted;
    state[3] = (state[3] << 11) | (state[3] >>> 21);
    return result;
  };
}

/**
 * Creates a seeded generator of uniform numbers in [0, 1), each a multiple of
 * 2^−32 (one 32-bit output per call). The same seed always gives the same
 * sequence on every platform. A numeric seed must be a finite number; integers
 * up to 2^53 are distinct seeds, other numbers are mixed through their text
 * form. A string seed is hashed with 32-bit FNV-1a over its UTF-16 code units
 * (Fowler, Noll & Vo; see the IETF draft draft-eastlake-fnv).
 */
export function createRng(seed: number | string): Rng {
  const [low, high] = seedWords(seed);
  const state = new Uint32Array(4);
  state[0] = fmix32((low + golden) | 0);
  state[1] = fmix32((low + 2 * golden) | 0);
  state[2] = fmix32(((high + 3 * golden) | 0) ^ state[0]);
  state[3] = fmix32(((high + 4 * golden) | 0) ^ state[1]);
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = golden;
  const next = xoshiro128StarStar(state);
  return () => next() * twoToMinus32;
}

function seedWords(seed: number | string): [number, number] {
  if (typeof seed === 'string') return [fnv1a(seed), 0x5eed5eed];
  if (!Number.isFinite(seed)) throw new RangeError(`Seed must be a finite number, got ${seed}`);
  if (Number.isSafeInteger(seed)) {
    const magnitude = Math.abs(seed);
    const high = Math.floor(magnitude / 4294967296);
    return [magnitude >>> 0, (seed < 0 ? high ^ 0x80000000 : high) >>> 0];
  }
  return [fnv1a(String(seed)), 0x4e000000];
}

/** MurmurHash3's 32-bit finaliser (Appleby): an avalanche mix of one word. */
function fmix32(value: number): number {
  let mixed = value;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
