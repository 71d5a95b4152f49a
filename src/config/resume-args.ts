import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { readManifest } from '../results/manifest.js';
import type { EvalArgs } from './eval-args.js';

/** Flags that may change when resuming; everything else comes from the run's manifest. */
const RESUMABLE_OVERRIDES = new Set([
  'concurrency',
  'retries',
  'retryTime',
  'timeout',
  'connectTimeout',
  'firstByteTimeout',
  'stallTimeout',
  'retryErrors',
  'cache',
  'cacheDir',
  'cacheAnyEndpoint',
  'maxCost',
  'maxRequests',
  'maxErrorRate',
  'baseUrl',
  'simulate',
  'dryRun',
  'download',
  'videoDeadline',
  'videoPollInterval',
  'videoPollConcurrency',
  'videoPollPath',
]);

/** The camelCase names of the flags written on the command line. */
export function explicitFlags(argv: string[]): Set<string> {
  const names = new Set<string>();
  for (const token of argv) {
    const match = /^--(?:no-)?([a-z][\w-]*)/.exec(token);
    if (match) names.add(match[1].replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()));
  }
  return names;
}

/**
 * `--resume <folder>`: the run's own settings from its run.json, with only
 * operational flags (concurrency, retries, timeouts, budget, cache, base URL)
 * allowed to change, so the keys stay the same and nothing is paid twice.
 */
export function resumeArgs(args: EvalArgs, argv: string[]): { args: EvalArgs; explicit: Set<string> } {
  const folder = args.resume as string;
  if (!existsSync(join(folder, 'run.json'))) {
    throw new ConfigError(`--resume ${folder}: no run.json there. Pass the run folder printed by the interrupted run.`);
  }
  const stored = (readManifest(folder).settings as { args?: Partial<EvalArgs> }).args;
  if (!stored)
    throw new ConfigError(
      `--resume ${folder}: its run.json has no settings to resume from (made by an older version).`,
    );
  const merged: Record<string, unknown> = { ...args, ...stored };
  const explicit = new Set(Object.keys(stored));
  for (const name of explicitFlags(argv)) {
    if (name === 'resume') continue;
    if (!RESUMABLE_OVERRIDES.has(name)) {
      throw new ConfigError(
        `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} cannot change when resuming: it would change the request keys. Start a new run instead.`,
      );
    }
    merged[name] = (args as unknown as Record<string, unknown>)[name];
    explicit.add(name);
  }
  merged.resume = folder;
  merged.out = folder;
  return { args: merged as unknown as EvalArgs, explicit };
}
