import { ConfigError } from '../errors.js';
import type { ShardSpec } from '../settings/run-config.js';

/** Most shards a run may be split into (far beyond any Job or matrix, small enough to catch a typo). */
export const MAX_SHARDS = 10_000;

/** The variable a Kubernetes Indexed Job sets in each pod: its completion index. */
export const INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';

const USAGE = '--shard takes i/n with 0 <= i < n (e.g. --shard 0/4), or auto/n inside a Kubernetes Indexed Job';

function wholeNumber(text: string): number | null {
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

/**
 * Parses `--shard i/n` (0-based) or `--shard auto/n`, which takes `i` from `JOB_COMPLETION_INDEX`.
 * Every problem is a ConfigError (exit 2) naming the flag and what to give instead; undefined
 * when the flag is absent.
 */
export function parseShardFlag(
  value: string | undefined,
  env: Record<string, string | undefined> = process.env,
): ShardSpec | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const match = /^([^/]+)\/([^/]+)$/.exec(text);
  if (!match) throw new ConfigError(`${USAGE}; got '${text}'.`);
  const count = wholeNumber(match[2].trim());
  if (count === null || count < 1 || count > MAX_SHARDS) {
    throw new ConfigError(`${USAGE}; the shard count in '${text}' must be a whole number from 1 to ${MAX_SHARDS}.`);
  }
  const given = match[1].trim();
  if (given === 'auto') {
    const raw = env[INDEX_VARIABLE];
    if (raw === undefined || raw.trim() === '') {
      throw new ConfigError(
        `--shard auto/${count} reads the shard index from ${INDEX_VARIABLE}, which is not set. ` +
          `Run it as a Kubernetes Indexed Job (completionMode: Indexed sets it), or give the index: --shard 0/${count}.`,
      );
    }
    const index = wholeNumber(raw.trim());
    if (index === null || index >= count) {
      throw new ConfigError(
        `--shard auto/${count}: ${INDEX_VARIABLE} is '${raw}', but it must be a whole number from 0 to ${count - 1}. ` +
          `Set the Job's completions to ${count}, the same as the shard count.`,
      );
    }
    return { index, count };
  }
  const index = wholeNumber(given);
  if (index === null || index >= count) {
    throw new ConfigError(
      `${USAGE}; the index in '${text}' must be a whole number from 0 to ${count - 1} (shards are numbered from 0).`,
    );
  }
  return { index, count };
}

/**
 * The flags with `--shard auto/n` turned into `i/n` (and `i/n` checked), so that what run.json keeps,
 * what a resume compares and what a rerun of the same pod compares is the shard itself.
 */
export function resolveShardArg<T extends { shard?: string }>(
  args: T,
  env: Record<string, string | undefined> = process.env,
): T {
  const shard = parseShardFlag(args.shard, env);
  return shard ? { ...args, shard: `${shard.index}/${shard.count}` } : args;
}
