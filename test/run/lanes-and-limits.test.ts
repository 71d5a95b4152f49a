import { describe, expect, it } from 'vitest';
import { applyLimitFlags } from '../../src/config/build-run-config.js';
import { parseLimits, validateEvalArgs, type EvalArgs } from '../../src/config/eval-args.js';
import { ConfigError, ExitCode } from '../../src/errors.js';
import type { ConcurrencyChange } from '../../src/run/adaptive-limit.js';
import { createLanes } from '../../src/run/create-lanes.js';
import { Lane, LaneResources } from '../../src/run/lane.js';
import { parseLimitFlag } from '../../src/config/limit-flag.js';
import type { ModelTarget } from '../../src/settings/model-target.js';
import { chatTarget } from '../helpers/run-config.js';

const BASE_URL = 'http://127.0.0.1:9/v1';

function target(options: { name: string; modelId?: string; limits?: ModelTarget['limits'] }): ModelTarget {
  return {
    ...chatTarget({ model: options.name, baseUrl: BASE_URL }),
    modelId: options.modelId ?? options.name,
    limits: options.limits ?? {},
  };
}

/** Resolves on the next macrotask, so every settled promise has run its callbacks. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Calls `waitForTurn` with a sleep that records the wait asked for and then stops the wait. */
async function waitOnce(lane: Lane, estimatedTokens = 1): Promise<number | null> {
  let asked: number | null = null;
  await lane.waitForTurn({
    estimatedTokens,
    sleep: async (ms) => {
      asked = ms;
    },
    stopped: () => asked !== null,
  });
  return asked;
}

describe('createLanes: budget groups', () => {
  it('gives two models of one group the same tickets and the same buckets', async () => {
    const lanes = createLanes({
      targets: [
        target({ name: 'a', limits: { group: 'shared' } }),
        target({ name: 'b', limits: { group: 'shared' } }),
        target({ name: 'c' }),
      ],
      groups: { shared: { concurrency: 2, rpm: 60, tpm: 60_000 } },
      globalConcurrency: 8,
      onChange: () => undefined,
    });
    const [a, b, c] = lanes;
    const groupOf = (lane: Lane): LaneResources => lane.chain[1];
    expect(a.chain).toHaveLength(2);
    expect(groupOf(a)).toBe(groupOf(b));
    expect(a.chain[0]).not.toBe(b.chain[0]);
    expect(groupOf(a).rpm).not.toBeNull();
    expect(groupOf(a).rpm).toBe(groupOf(b).rpm);
    expect(groupOf(a).tpm).toBe(groupOf(b).tpm);
    expect(groupOf(a).adaptive).toBe(groupOf(b).adaptive);
    expect(c.chain).toHaveLength(1);
    expect(c.chain[0].rpm).toBeNull();
    expect(c.chain[0].tickets.limit).toBe(8);

    // Two tickets in the group: a third holder waits, whichever model asks.
    await a.acquireTicket();
    await b.acquireTicket();
    let third = false;
    const waiting = (a.acquireTicket() ?? Promise.resolve()).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    b.releaseTicket();
    await waiting;
    expect(third).toBe(true);

    // One request of rpm budget (60 rpm, a quarter-second burst, at least one), drawn by both models together.
    expect(await waitOnce(a)).toBeNull();
    const waitA = await waitOnce(a);
    const waitB = await waitOnce(b);
    expect(waitA).toBeGreaterThan(0);
    expect(waitB).toBeGreaterThan(0);
    // The ungrouped model is not held by the group's budget.
    expect(await waitOnce(c)).toBeNull();
  });

  it("reports a group's concurrency changes under the group name", () => {
    const changes: ConcurrencyChange[] = [];
    const [a] = createLanes({
      targets: [target({ name: 'a', limits: { group: 'g' } }), target({ name: 'b', limits: { group: 'g' } })],
      groups: { g: { concurrency: 6 } },
      globalConcurrency: 8,
      onChange: (change) => changes.push(change),
    });
    for (let index = 0; index < 15; index += 1) a.chain[1].adaptive.onRateLimit(10_000);
    expect(changes).toEqual([expect.objectContaining({ model: 'group g', from: 6, to: 4 })]);
  });

  it("applies both the model's and the group's limits, each capped by the global concurrency", () => {
    const lanes = createLanes({
      targets: [
        target({ name: 'a', limits: { group: 'g', concurrency: 5, tpm: 1_000 } }),
        target({ name: 'b', limits: { group: 'big', concurrency: 3 } }),
        target({ name: 'solo', limits: { concurrency: 50 } }),
        target({ name: 'two', limits: { concurrency: 2 } }),
      ],
      groups: { g: { concurrency: 2 }, big: { concurrency: 40 } },
      globalConcurrency: 8,
      onChange: () => undefined,
    });
    const [a, b, solo, two] = lanes;
    expect(a.chain.map((resources) => resources.tickets.limit)).toEqual([5, 2]);
    expect(a.chain[0].tpm?.perMinute).toBe(1_000);
    expect(a.chain[1].tpm).toBeNull();
    expect(b.chain.map((resources) => resources.tickets.limit)).toEqual([3, 8]);
    expect(solo.chain[0].tickets.limit).toBe(8);
    expect(two.chain[0].tickets.limit).toBe(2);
  });
});

describe("createLanes: a model's own limits inside a group", () => {
  // config-file.ts documents `limits: { concurrency: 4, rpm: 60, tpm: 200000, shareWith: claude }` beside
  // `groups: { claude: { concurrency: 6, rpm: 120 } }`: the model's own limits and the group's both apply.
  it("does not turn the first model's own token budget into a budget of the whole group", async () => {
    const [, second] = createLanes({
      targets: [
        target({ name: 'a', limits: { group: 'g', tpm: 1_000 } }),
        target({ name: 'b', limits: { group: 'g' } }),
      ],
      groups: { g: { concurrency: 6 } },
      globalConcurrency: 8,
      onChange: () => undefined,
    });
    // Neither b nor its group has a token budget, so b never waits for tokens.
    expect(await waitOnce(second, 5_000)).toBeNull();
    expect(await waitOnce(second, 5_000)).toBeNull();
  });

  it('gives the same limits whatever order the models of a group are listed in', () => {
    const first = target({ name: 'a', limits: { group: 'g', concurrency: 1, rpm: 30 } });
    const second = target({ name: 'b', limits: { group: 'g' } });
    const groups = { g: { concurrency: 6 } };
    const forward = createLanes({ targets: [first, second], groups, globalConcurrency: 8, onChange: () => undefined });
    const backward = createLanes({ targets: [second, first], groups, globalConcurrency: 8, onChange: () => undefined });
    const rpmOf = (lane: Lane): number | null => lane.chain[0].rpm?.perMinute ?? null;
    expect(rpmOf(forward[1])).toBe(rpmOf(backward[0]));
    expect(rpmOf(forward[0])).toBe(rpmOf(backward[1]));
  });
});

describe('Lane', () => {
  function lane(limits: ConstructorParameters<typeof LaneResources>[0]['limits']): Lane {
    const name = 'm1';
    return new Lane(
      target({ name }),
      new LaneResources({ name, limits, globalConcurrency: 4, onChange: () => undefined }),
    );
  }

  it('waits for no one without limits', async () => {
    const free = lane({});
    for (let index = 0; index < 100; index += 1) expect(await waitOnce(free, 1_000_000)).toBeNull();
  });

  it('asks to sleep while paused, for about the rest of the pause', async () => {
    const paused = lane({});
    paused.pause(performance.now() + 5_000);
    const first = await waitOnce(paused);
    expect(first).toBeGreaterThan(4_000);
    expect(first).toBeLessThanOrEqual(5_000);
    // A shorter pause never shortens a longer one.
    paused.pause(performance.now() + 100);
    expect(await waitOnce(paused)).toBeGreaterThan(4_000);
  });

  it('refunds the request it took when the token budget makes it wait', async () => {
    const limited = lane({ rpm: 60, tpm: 6_000 });
    const rpm = limited.chain[0].rpm;
    if (!rpm) throw new Error('no rpm bucket');
    // 25 tokens of burst (a quarter second of 6000 tpm): the first call goes on a full bucket and leaves
    // it in debt; the second waits for tokens.
    expect(await waitOnce(limited, 600)).toBeNull();
    expect(await waitOnce(limited, 600)).toBeGreaterThan(0);
    // The waiting call's request was given back to the rpm budget (60 rpm: one request of burst)…
    // and the first call's was not: the bucket is empty now.
    expect(rpm.take(1)).toBeGreaterThan(0);
  });

  it('settleTokens gives back what was over-estimated, and ignores an unknown count', async () => {
    const limited = lane({ tpm: 6_000 });
    expect(await waitOnce(limited, 1_000)).toBeNull();
    limited.settleTokens(1_000, null);
    expect(await waitOnce(limited, 500)).toBeGreaterThan(0);
    // 6000 tpm has a burst of 25 tokens: the 1000 taken left the bucket 975 in debt. A request that
    // turned out to use none of its 1000 gives them all back, which fills it again: the next call goes.
    limited.settleTokens(1_000, 0);
    expect(await waitOnce(limited, 500)).toBeNull();
  });

  it('settleTokens charges what was under-estimated', async () => {
    const limited = lane({ tpm: 6_000 });
    expect(await waitOnce(limited, 100)).toBeNull();
    limited.settleTokens(100, 1_000);
    expect(await waitOnce(limited, 100)).toBeGreaterThan(0);
  });
});

describe('--limit model=spec applied to targets', () => {
  const targets = [
    target({ name: 'fast', modelId: 'gpt-4o-mini' }),
    target({ name: 'q-label', modelId: 'qwen3-max', limits: { group: 'ali' } }),
    target({ name: 'other', modelId: 'deepseek-chat', limits: { tpm: 5_000 } }),
  ];

  it("matches by name, by wire id and by *, keeping the model's other limits", () => {
    const { rows, models } = parseLimits(['100', 'fast=2c', 'fast=60rpm', 'qwen3-max=8c', '*=4c']);
    expect(rows).toBe(100);
    expect(models.get('fast')).toEqual({ concurrency: 2, rpm: 60 });
    const applied = applyLimitFlags(targets, models);
    expect(applied.map((entry) => entry.limits)).toEqual([
      { concurrency: 2, rpm: 60 },
      { group: 'ali', concurrency: 8 },
      { tpm: 5_000, concurrency: 4 },
    ]);
    // The originals are left alone.
    expect(targets[0].limits).toEqual({});
  });

  it('prefers the name over the wire id over *', () => {
    const byName = applyLimitFlags(targets, parseLimits(['q-label=1c', 'qwen3-max=9c', '*=5c']).models);
    expect(byName[1].limits.concurrency).toBe(1);
    // A model with its own entry takes nothing from *.
    const ownEntry = applyLimitFlags(targets, parseLimits(['fast=60rpm', '*=4c']).models);
    expect(ownEntry[0].limits).toEqual({ rpm: 60 });
    expect(ownEntry[2].limits).toEqual({ tpm: 5_000, concurrency: 4 });
  });

  it('leaves targets alone without model entries', () => {
    const applied = applyLimitFlags(targets, parseLimits(['25']).models);
    expect(applied.map((entry) => entry.limits)).toEqual(targets.map((entry) => entry.limits));
  });
});

describe('parseLimitFlag', () => {
  it('accepts a row count and model limits with k and m multipliers, in any case', () => {
    expect(parseLimitFlag('100')).toEqual({ rows: 100 });
    expect(parseLimitFlag(' 7 ')).toEqual({ rows: 7 });
    expect(parseLimitFlag('qwen3-max=8c,60rpm,200ktpm')).toEqual({
      model: 'qwen3-max',
      limits: { concurrency: 8, rpm: 60, tpm: 200_000 },
    });
    expect(parseLimitFlag('m=1.5mtpm')).toEqual({ model: 'm', limits: { tpm: 1_500_000 } });
    expect(parseLimitFlag('m=2KRPM, 3C')).toEqual({ model: 'm', limits: { rpm: 2_000, concurrency: 3 } });
    expect(parseLimitFlag('*=4c')).toEqual({ model: '*', limits: { concurrency: 4 } });
    // The last '=' separates, so a model entry with its own '=' still works.
    expect(parseLimitFlag('qwen3-max+thinking=4096=4c')).toEqual({
      model: 'qwen3-max+thinking=4096',
      limits: { concurrency: 4 },
    });
  });

  const rejected: Array<[string, string]> = [
    ['0', 'at least 1'],
    ['abc', 'expected a row count'],
    ['-5', 'expected a row count'],
    ['=8c', 'expected a row count'],
    ['m=8x', "'8x' is not a limit"],
    ['m=', "'' is not a limit"],
    ['m=8c,', "'' is not a limit"],
    ['m=1.5c', 'whole number'],
    ['m=0c', 'whole number'],
    ['m=0rpm', 'rpm must be above 0'],
    ['m=0ktpm', 'tpm must be above 0'],
  ];

  it.each(rejected)('rejects %j with a ConfigError naming the flag', (value, detail) => {
    let error: unknown;
    try {
      parseLimitFlag(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.badInput);
    expect((error as ConfigError).message).toMatch(new RegExp(`^--limit ${value.replace(/[*+.]/g, '\\$&')}: `));
    expect((error as ConfigError).message).toContain(detail);
  });

  it('is checked with the other flags before anything runs', () => {
    const args = {
      models: 'm',
      dataset: ['package.json'],
      concurrency: 4,
      repeat: 1,
      retries: 0,
      retryTime: 1,
      timeout: 1,
      connectTimeout: 1,
      firstByteTimeout: 1,
      stallTimeout: 1,
      maxErrorRate: 0.1,
      limit: ['m=8q'],
    } as unknown as EvalArgs;
    expect(() => validateEvalArgs(args, { modelsFromConfig: false })).toThrow(/^--limit m=8q: /);
  });
});
