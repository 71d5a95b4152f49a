import type { ModelProfile } from './profiles.js';
import { unitFromInteger } from './random.js';

/** The delays of one response, already scaled and jittered. */
export interface Timing {
  ttftMs: number;
  msPerToken: number;
}

/** Jitter range: each request's delays are scaled by a factor in [0.75, 1.25). */
const jitterLow = 0.75;
const jitterSpan = 0.5;

/** Delays for request `seq` of a model, scaled by `latencyScale` (0 means instant). */
export function planTiming(options: {
  profile: ModelProfile;
  latencyScale: number;
  seq: number;
  seed: number;
}): Timing {
  const { profile, latencyScale } = options;
  if (latencyScale <= 0) return { ttftMs: 0, msPerToken: 0 };
  const jitter = jitterLow + jitterSpan * unitFromInteger(options.seq, options.seed ^ 0x5bd1e995);
  const scale = latencyScale * jitter;
  return {
    ttftMs: profile.ttftMs * scale,
    msPerToken: profile.tokensPerSecond > 0 ? (1000 / profile.tokensPerSecond) * scale : 0,
  };
}

/** Time until a whole non-streamed answer of `tokens` tokens is ready. */
export function totalDelayMs(timing: Timing, tokens: number): number {
  return timing.ttftMs + timing.msPerToken * tokens;
}
