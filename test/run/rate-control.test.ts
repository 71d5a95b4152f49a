import { describe, expect, it } from 'vitest';
import { type RateChange, RateControl } from '../../src/run/rate-control.js';

function control(toldRpm: number | null = null): { rate: RateControl; changes: RateChange[] } {
  const changes: RateChange[] = [];
  return { rate: new RateControl({ name: 'm', toldRpm, onChange: (change) => changes.push(change) }), changes };
}

describe('RateControl', () => {
  it('treats stray 429s as stray: only their own requests wait, nothing is learned', () => {
    const { rate, changes } = control();
    let now = 0;
    // One 429 in every twenty answers (5%), for a thousand answers.
    for (let index = 0; index < 1000; index += 1) {
      now += 10;
      if (index % 20 === 19) {
        expect(rate.onRateLimited({ retryAfterMs: 1000, info: null, now })).toEqual({
          pauseUntilMs: null,
          clustered: false,
        });
      } else rate.onSuccess(null, now);
    }
    expect(rate.rpm).toBeNull();
    expect(changes).toEqual([]);
  });

  it('keeps the gateway busy through a cluster of 429s, then learns the rate it admitted', () => {
    const { rate, changes } = control();
    // 200 answers in the two seconds before: 100 a second.
    for (let index = 0; index < 200; index += 1) rate.onSuccess(null, 1000 + index * 10);
    let verdict = { pauseUntilMs: null as number | null, clustered: false };
    // 429s from then on; the window of 40 holds 32 successes, so the 8th 429 makes 8 of 40 = 20%:
    // still stray. At 12 of 40 the share is 30%: a cluster.
    for (let index = 1; index <= 12; index += 1) {
      verdict = rate.onRateLimited({ retryAfterMs: 1000, info: null, now: 3000 });
      if (index < 12) expect(verdict.clustered).toBe(false);
    }
    // Nothing is known yet: no pause (each 429 waits its own Retry-After), nothing learned.
    expect(verdict).toEqual({ pauseUntilMs: null, clustered: true });
    expect(rate.rpm).toBeNull();
    learnUnderPressure(rate, 3000);
    // What was admitted from half a second after the 429s began: 100 in 1 s, 6000 a minute, less 5%.
    expect(rate.rpm).toBe(5700);
    expect(changes).toHaveLength(1);
    expect(changes[0].reason).toBe('100 requests admitted in 1.0 s of 429s');
  });

  it('takes the limit a gateway states, capped by a told one, and pauses on a spent budget', () => {
    const { rate, changes } = control();
    rate.onSuccess({ requests: { limit: 6000, remaining: 5999, resetMs: 10 }, tokens: null }, 0);
    expect(rate.rpm).toBe(6000);
    rate.onSuccess({ requests: { limit: 6000, remaining: 5998, resetMs: 10 }, tokens: null }, 5);
    expect(changes).toHaveLength(1);
    const spent = rate.onRateLimited({
      retryAfterMs: 1000,
      info: { requests: { limit: 6000, remaining: 0, resetMs: 250 }, tokens: null },
      now: 100,
    });
    // The larger of the reset and the Retry-After.
    expect(spent).toEqual({ pauseUntilMs: 1100, clustered: true });
    const told = control(3000);
    told.rate.onSuccess({ requests: { limit: 6000, remaining: 10, resetMs: 10 }, tokens: null }, 0);
    expect(told.rate.rpm).toBe(3000);
  });

  it('steps a learned rate down 5% on a 429 at most once a second, and up 2% after clean stretches that double', () => {
    const { rate } = control();
    for (let index = 0; index < 12; index += 1) rate.onRateLimited({ retryAfterMs: 1000, info: null, now: 0 });
    learnUnderPressure(rate, 0);
    const learned = rate.rpm ?? 0;
    expect(learned).toBe(5700);
    // Learned at 1500 ms. Another 429 within the second: no second cut. After it: 5% less.
    rate.onRateLimited({ retryAfterMs: 1000, info: null, now: 2000 });
    expect(rate.rpm).toBe(learned);
    rate.onRateLimited({ retryAfterMs: 1000, info: null, now: 2600 });
    expect(rate.rpm).toBe(Math.floor(learned * 0.95));
    const cut = rate.rpm ?? 0;
    // The clean stretch before a probe doubled with the cut (1 s → 2 s): nothing 1.5 s after the 429, +2% at 2.1 s.
    rate.onSuccess(null, 4100);
    expect(rate.rpm).toBe(cut);
    rate.onSuccess(null, 4700);
    expect(rate.rpm).toBe(Math.ceil(cut * 1.02));
    // The next probe needs another clean 2 s.
    rate.onSuccess(null, 5500);
    expect(rate.rpm).toBe(Math.ceil(cut * 1.02));
  });
});

/**
 * From `start`, 1.5 s of a gateway at its limit: an answer every 10 ms (offset by 5 ms)
 * and two 429s every 20 ms, so the 429s stay clustered; learning is due at `start` + 1500.
 */
function learnUnderPressure(rate: RateControl, start: number): void {
  for (let time = start; time <= start + 1500; time += 10) {
    if (time < start + 1500) rate.onSuccess(null, time + 5);
    if ((time - start) % 20 === 0) {
      rate.onRateLimited({ retryAfterMs: 1000, info: null, now: time });
      rate.onRateLimited({ retryAfterMs: 1000, info: null, now: time });
    }
  }
}
