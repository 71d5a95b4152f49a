import { describe, expect, it } from 'vitest';
import { catalogEntry } from '../../src/config/catalog.js';
import { BUILT_IN_PRICES, priceFor } from '../../src/config/prices.js';
import { costOf } from '../../src/settings/price.js';

const usage = (fields: {
  input: number | null;
  output: number | null;
  cached?: number | null;
  cacheWrite?: number | null;
  reasoning?: number | null;
}) => fields;

describe('BUILT_IN_PRICES', () => {
  it('prices only catalog ids, with sane numbers', () => {
    for (const [id, price] of Object.entries(BUILT_IN_PRICES)) {
      expect(catalogEntry(id)?.id, id).toBe(id);
      expect(price.output, id).toBeGreaterThan(0);
      expect(price.cachedInput ?? price.input, id).toBeLessThanOrEqual(price.input);
    }
  });

  it('leaves out models whose price is not known', () => {
    expect(BUILT_IN_PRICES['doubao-seed-1-6-thinking-250715']).toBeUndefined();
    expect(priceFor({ modelId: 'kimi-k2' })).toBeNull();
  });
});

describe('priceFor', () => {
  it('prefers the model entry, then the config table, then the built-in table', () => {
    const own = { input: 1, output: 1 };
    const table = { 'gpt-4o': { input: 2, output: 2 } };
    expect(priceFor({ modelId: 'gpt-4o', modelPrice: own, configPrices: table })).toEqual({
      price: own,
      source: 'config-model',
    });
    expect(priceFor({ modelId: 'gpt-4o', configPrices: table })).toEqual({
      price: table['gpt-4o'],
      source: 'config-prices',
    });
    expect(priceFor({ modelId: 'gpt-4o' })?.source).toBe('built-in');
  });
});

describe('costOf', () => {
  it('bills input and output per million tokens', () => {
    expect(costOf({ usage: usage({ input: 1_000_000, output: 500_000 }), price: { input: 2, output: 8 } })).toBeCloseTo(
      6,
      12,
    );
  });

  it('bills cached input at the cached rate', () => {
    const cost = costOf({
      usage: usage({ input: 1000, output: 100, cached: 800 }),
      price: { input: 1, cachedInput: 0.1, output: 10 },
    });
    expect(cost).toBeCloseTo((200 * 1 + 800 * 0.1 + 100 * 10) / 1e6, 15);
  });

  it('bills cached input at the input rate when no cached rate is set, and an unreported cache as none', () => {
    expect(
      costOf({ usage: usage({ input: 1000, output: 0, cached: 800 }), price: { input: 1, output: 1 } }),
    ).toBeCloseTo(1000 / 1e6, 15);
    expect(
      costOf({
        usage: usage({ input: 1000, output: 0, cached: null }),
        price: { input: 1, cachedInput: 0.1, output: 1 },
      }),
    ).toBeCloseTo(1000 / 1e6, 15);
  });

  it('bills cache writes at the cache-write rate (Anthropic)', () => {
    const cost = costOf({
      usage: usage({ input: 1000, output: 0, cached: 100, cacheWrite: 400 }),
      price: { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
    });
    expect(cost).toBeCloseTo((500 * 3 + 100 * 0.3 + 400 * 3.75) / 1e6, 15);
  });

  it('bills reasoning at its own rate only when the price sets one', () => {
    const counts = usage({ input: 0, output: 1000, reasoning: 600 });
    expect(costOf({ usage: counts, price: { input: 1, output: 10 } })).toBeCloseTo((1000 * 10) / 1e6, 15);
    expect(costOf({ usage: counts, price: { input: 1, output: 10, reasoning: 20 } })).toBeCloseTo(
      (400 * 10 + 600 * 20) / 1e6,
      15,
    );
  });

  it('is null when the price or the counts are unknown, never 0', () => {
    expect(costOf({ usage: usage({ input: 10, output: 10 }), price: null })).toBeNull();
    expect(costOf({ usage: null, price: { input: 1, output: 1 } })).toBeNull();
    expect(costOf({ usage: usage({ input: null, output: 10 }), price: { input: 1, output: 1 } })).toBeNull();
    expect(costOf({ usage: usage({ input: 10, output: null }), price: { input: 1, output: 1 } })).toBeNull();
    expect(costOf({ usage: usage({ input: 0, output: 0 }), price: { input: 1, output: 1 } })).toBe(0);
  });

  it('never bills more cached tokens than input', () => {
    expect(
      costOf({
        usage: usage({ input: 100, output: 0, cached: 500 }),
        price: { input: 1, cachedInput: 0.5, output: 1 },
      }),
    ).toBeCloseTo(50 / 1e6, 15);
  });
});
