import type { ConfigFile } from '../config/config-file.js';
import { resolveTargets } from '../config/resolve-targets.js';
import { createJudgeClient, type JudgeClient } from '../run/judge-client.js';
import { ResponseCache } from '../run/response-cache.js';
import { DEFAULT_CACHE_DIR } from './eval-options.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_RETRY_POLICY } from '../settings/retry-policy.js';
import { DEFAULT_TIMEOUTS } from '../settings/timeouts.js';
import type { JudgeComplete } from '../score/judge-scorer.js';

/** Builds judge clients on demand (one per judge model) and closes them all at the end. */
export interface JudgeFactory {
  createComplete(model: string): JudgeComplete;
  close(): Promise<void>;
}

/**
 * The cache folder a run used, from its run.json's recorded flags: `--no-cache` gives null,
 * `--cache-dir` its folder, else the default. `score` and `merge` read judge verdicts back from it.
 */
export function cacheDirOfRun(settings: unknown): string | null {
  const args = ((settings as { args?: Record<string, unknown> } | null)?.args ?? {}) as {
    cache?: unknown;
    cacheDir?: unknown;
  };
  if (args.cache === false) return null;
  return typeof args.cacheDir === 'string' ? args.cacheDir : DEFAULT_CACHE_DIR;
}

/** Judge requests in flight at once, per judge model, unless its config limits say otherwise. */
const JUDGE_CONCURRENCY = 4;

/**
 * Judges resolve like any `--models` entry (catalog, inline syntax, config),
 * against the same gateway and key, each with its own limiter.
 */
export function createJudgeFactory(options: {
  config: ConfigFile | null;
  baseUrl: string;
  apiKey: string;
  simulated: boolean;
  /** The response cache folder (verdicts already paid for are read back), or null for none. Never for a simulated run. */
  cacheDir?: string | null;
}): JudgeFactory {
  const clients = new Map<string, JudgeClient>();
  const cache = options.cacheDir && !options.simulated ? new ResponseCache(options.cacheDir, options.apiKey) : null;
  return {
    createComplete(model) {
      let client = clients.get(model);
      if (!client) {
        const [target] = resolveTargets({
          entries: [model],
          config: options.config,
          baseUrl: options.baseUrl,
          defaults: {},
          simulated: options.simulated,
        });
        if (target.format === 'video-task') throw new ConfigError(`The judge model ${model} makes videos, not text.`);
        client = createJudgeClient({
          target,
          apiKey: options.apiKey,
          concurrency: target.limits.concurrency ?? JUDGE_CONCURRENCY,
          timeouts: DEFAULT_TIMEOUTS,
          policy: DEFAULT_RETRY_POLICY,
          cache,
        });
        clients.set(model, client);
      }
      const resolved = client;
      return (prompt) => resolved.complete(prompt);
    },
    async close() {
      await Promise.all([...clients.values()].map((client) => client.close()));
    },
  };
}
