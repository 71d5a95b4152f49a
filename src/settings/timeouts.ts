/** Timeouts for one attempt, in milliseconds. */
export interface Timeouts {
  /** TCP/TLS connect. */
  connectMs: number;
  /** Response headers of a streamed request (a non-streamed one waits for the whole generation). */
  firstByteMs: number;
  /** Longest silence between two body chunks. */
  stallMs: number;
  /** Whole attempt, from send to last byte. */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 10_000,
  firstByteMs: 120_000,
  stallMs: 120_000,
  totalMs: 15 * 60_000,
};
