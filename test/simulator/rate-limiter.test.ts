import { describe, expect, it } from 'vitest';
import { parseRateLimitSpec, SimulatorOptionError } from '../../src/simulator/cli-options.js';
import { formatResetDuration, RateLimiter, rateLimitsProblem } from '../../src/simulator/rate-limiter.js';

/** A limiter on a clock the test moves by hand. */
function limiterAt(limits: ConstructorParameters<typeof RateLimiter>[0]) {
  const clock = { now: 1_000_000 };
  const limiter = new RateLimiter({ ...limits, clock: () => clock.now });
  return { limiter, clock };
}

describe('the simulated gateway rate limiter', () => {
  it('admits a full burst at once, then one request per 60/rpm seconds', () => {
    // 600 rpm = one request every 100 ms; burst 5.
    const { limiter, clock } = limiterAt({ limits: { m: { rpm: 600, burst: 5 } } });
    const first = Array.from({ length: 6 }, () => limiter.decide('m', '', 0)?.refusal);
    expect(first).toEqual([null, null, null, null, null, 'requests']);
    clock.now += 99;
    expect(limiter.decide('m', '', 0)?.refusal).toBe('requests');
    clock.now += 1;
    expect(limiter.decide('m', '', 0)?.refusal).toBeNull();
    expect(limiter.decide('m', '', 0)?.refusal).toBe('requests');
    // Over 10 simulated seconds at most burst + 10 s × 10/s are admitted.
    let admitted = 0;
    for (let step = 0; step < 10_000; step += 1) {
      clock.now += 1;
      for (let tries = 0; tries < 3; tries += 1) if (limiter.decide('m', '', 0)?.refusal === null) admitted += 1;
    }
    expect(admitted).toBe(100);
    expect(limiter.counts().m.admitted).toBe(6 + 100);
  });

  it('says how long to wait in whole seconds, at least 1', () => {
    // 6 rpm: one request every 10 s.
    const { limiter, clock } = limiterAt({ limits: { slow: { rpm: 6, burst: 1 } } });
    expect(limiter.decide('slow', '', 0)?.refusal).toBeNull();
    expect(limiter.decide('slow', '', 0)?.retryAfterSeconds).toBe(10);
    clock.now += 9_500;
    expect(limiter.decide('slow', '', 0)?.retryAfterSeconds).toBe(1);
    clock.now += 499;
    expect(limiter.decide('slow', '', 0)?.retryAfterSeconds).toBe(1);
  });

  it('writes the x-ratelimit headers as the bucket stands after the decision', () => {
    const { limiter, clock } = limiterAt({ limits: { m: { rpm: 600, burst: 5, tpm: 60_000, tokenBurst: 1000 } } });
    const admitted = limiter.decide('m', '', 300);
    expect(admitted?.headers).toEqual({
      'x-ratelimit-limit-requests': '600',
      'x-ratelimit-remaining-requests': '4',
      // One request short of full at 100 ms a request.
      'x-ratelimit-reset-requests': '100ms',
      'x-ratelimit-limit-tokens': '60000',
      'x-ratelimit-remaining-tokens': '700',
      // 300 tokens at 1000 tokens a second.
      'x-ratelimit-reset-tokens': '300ms',
    });
    clock.now += 50;
    const later = limiter.decide('m', '', 800);
    // 700 + 50 tokens refilled < 800: refused on tokens, nothing taken.
    expect(later?.refusal).toBe('tokens');
    expect(later?.headers['x-ratelimit-remaining-tokens']).toBe('750');
    expect(later?.headers['x-ratelimit-remaining-requests']).toBe('4');
  });

  it('refuses for good a request larger than any token bucket can hold', () => {
    const { limiter } = limiterAt({ limits: { m: { tpm: 1200, tokenBurst: 100 } } });
    const decision = limiter.decide('m', '', 5_000);
    expect(decision?.refusal).toBe('too-large');
    expect(decision?.retryAfterSeconds).toBeNull();
  });

  it('gives every model its own bucket, * covering the ones not named, and per key when asked', () => {
    const { limiter } = limiterAt({ limits: { '*': { rpm: 60, burst: 1 }, named: { rpm: 60, burst: 2 } } });
    expect(limiter.decide('a', '', 0)?.refusal).toBeNull();
    expect(limiter.decide('b', '', 0)?.refusal).toBeNull();
    expect(limiter.decide('a', '', 0)?.refusal).toBe('requests');
    expect(limiter.decide('named', '', 0)?.refusal).toBeNull();
    expect(limiter.decide('named', '', 0)?.refusal).toBeNull();
    expect(limiter.decide('named', '', 0)?.refusal).toBe('requests');
    const perKey = limiterAt({ limits: { '*': { rpm: 60, burst: 1 } }, per: 'model-and-key' }).limiter;
    expect(perKey.decide('a', 'key-1', 0)?.refusal).toBeNull();
    expect(perKey.decide('a', 'key-2', 0)?.refusal).toBeNull();
    expect(perKey.decide('a', 'key-1', 0)?.refusal).toBe('requests');
    expect(perKey.counts()).toEqual({ a: { admitted: 2, limited: 1 } });
  });

  it('leaves models without a limit alone', () => {
    const { limiter } = limiterAt({ limits: { only: { rpm: 60 } } });
    expect(limiter.decide('other', '', 0)).toBeNull();
    expect(new RateLimiter().active).toBe(false);
  });

  it('formats reset durations the way OpenAI does', () => {
    expect([0, 1, 999.2, 1000, 1500, 60_000, 61_250, 3_723_250].map(formatResetDuration)).toEqual([
      '0s',
      '1ms',
      '1s',
      '1s',
      '1.5s',
      '1m0s',
      '1m1.25s',
      '1h2m3.25s',
    ]);
  });

  it('rejects limits that make no sense', () => {
    expect(rateLimitsProblem({ m: {} })).toMatch(/needs rpm or tpm/);
    expect(rateLimitsProblem({ m: { rpm: -1 } })).toMatch(/positive/);
    expect(rateLimitsProblem({ m: { rpm: 60, burst: 1.5 } })).toMatch(/whole number/);
    expect(rateLimitsProblem({ m: { tpm: 60, burst: 2 } })).toMatch(/burst needs rpm/);
    expect(rateLimitsProblem({ m: { rpm: 60, rps: 1 } })).toMatch(/unknown setting 'rps'/);
  });
});

describe('--rate-limit', () => {
  it('reads model limits with k and m multipliers', () => {
    expect(parseRateLimitSpec(['*=6000rpm,50burst', 'qwen3-max=600rpm,200ktpm,20ktburst'])).toEqual({
      '*': { rpm: 6000, burst: 50 },
      'qwen3-max': { rpm: 600, tpm: 200_000, tokenBurst: 20_000 },
    });
    expect(parseRateLimitSpec('a=1mtpm;b=60rpm')).toEqual({ a: { tpm: 1_000_000 }, b: { rpm: 60 } });
  });

  it('names what is wrong', () => {
    expect(() => parseRateLimitSpec('6000rpm')).toThrow(SimulatorOptionError);
    expect(() => parseRateLimitSpec('m=6000rps')).toThrow(/'6000rps' is not a limit/);
    expect(() => parseRateLimitSpec('m=50burst')).toThrow(/needs rpm or tpm/);
  });
});
