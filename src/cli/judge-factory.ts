import type { ConfigFile } from '../config/config-file.js';
import { resolveTargets } from '../config/resolve-targets.js';
import { createJudgeClient, type JudgeClient } from '../run/judge-client.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_RETRY_POLICY } from '../settings/retry-policy.js';
import { DEFAULT_TIMEOUTS } from '../settings/timeouts.js';
import type { JudgeComplete } from '../score/judge-scorer.js';

/** Builds judge clients on demand (one per judge model) and closes them all at the end. */
export interface JudgeFactory {
  createComplete(model: string): JudgeComplete;
  close(): Promise<void>;
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
}): JudgeFactory {
  const clients = new Map<string, JudgeClient>();
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
