import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { readManifest } from '../results/manifest.js';
import { type EvalArgs, parseModelList } from './eval-args.js';

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
  'allowDatasetScorers',
  'maxCost',
  'maxRequests',
  'maxAnswerMb',
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

/** The kebab-case flag of a camelCase setting name. */
function flagName(name: string): string {
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** A setting as compared between runs: model lists split, dataset paths resolved. */
function comparable(name: string, value: unknown): string {
  if (name === 'models') return JSON.stringify(parseModelList(value as string | string[] | undefined));
  if (name === 'dataset') return JSON.stringify([value ?? []].flat().map((path) => resolve(String(path))));
  return JSON.stringify(value ?? null);
}

/** The settings a run folder's run.json stored to resume with, or null when the folder holds no run. */
function storedSettings(folder: string): Partial<EvalArgs> | null {
  if (!existsSync(join(folder, 'run.json'))) return null;
  const stored = (readManifest(folder).settings as { args?: Partial<EvalArgs> }).args;
  if (!stored) {
    throw new ConfigError(`${folder}: its run.json has no settings to resume from (made by an older version).`);
  }
  return stored;
}

/**
 * The flags of `given` that would change a key-deciding setting of a run stored
 * with `stored`: given on the command line (`explicit`), not operational, and
 * different from what the run used (the same value given again is fine).
 */
function changedSettings(options: { stored: Partial<EvalArgs>; given: EvalArgs; explicit: Set<string> }): string[] {
  const changed: string[] = [];
  const stored = options.stored as Record<string, unknown>;
  const given = options.given as unknown as Record<string, unknown>;
  for (const name of options.explicit) {
    if (name === 'resume' || name === 'out' || RESUMABLE_OVERRIDES.has(name)) continue;
    if (comparable(name, given[name]) !== comparable(name, stored[name])) changed.push(name);
  }
  return changed;
}

/**
 * A new run (no `--resume`) into a folder that already holds a run goes on from it
 * only with the same key-deciding settings; anything else would mix two runs' records
 * in one results.jsonl. Throws a ConfigError naming the settings that differ.
 */
export function refuseMixedRun(args: EvalArgs, explicit: Set<string>): void {
  if (args.resume !== undefined || args.out === undefined) return;
  const stored = storedSettings(args.out);
  if (stored === null) return;
  const keyed = [...new Set([...explicit, ...Object.keys(stored)])].filter((name) => !RESUMABLE_OVERRIDES.has(name));
  const changed = changedSettings({ stored, given: args, explicit: new Set(keyed) });
  if (changed.length > 0) {
    throw new ConfigError(
      `--out ${args.out} holds a run with other settings (${changed.map(flagName).join(', ')} differ), so its records cannot be mixed with this run's. ` +
        `Use a new --out folder, or continue that run with --resume ${args.out}.`,
    );
  }
}

/**
 * `--resume <folder>`: the run's own settings from its run.json, with only
 * operational flags (concurrency, retries, timeouts, budget, cache, base URL)
 * allowed to change, so the keys stay the same and nothing is paid twice.
 */
export function resumeArgs(args: EvalArgs, argv: string[]): { args: EvalArgs; explicit: Set<string> } {
  const folder = args.resume as string;
  const stored = storedSettings(folder);
  if (stored === null) {
    throw new ConfigError(`--resume ${folder}: no run.json there. Pass the run folder printed by the interrupted run.`);
  }
  const merged: Record<string, unknown> = { ...args, ...stored };
  const explicit = new Set(Object.keys(stored));
  const given = explicitFlags(argv);
  const [changed] = changedSettings({ stored, given: args, explicit: given });
  if (changed === 'shard') {
    throw new ConfigError(
      `--shard cannot change when resuming: ${folder} holds shard ${String(stored.shard ?? 'none (an unsharded run)')} of its run. ` +
        'Resume it with its own shard (or without --shard), and run another shard into a folder of its own.',
    );
  }
  if (changed !== undefined) {
    throw new ConfigError(
      `${flagName(changed)} cannot change when resuming: it would change the request keys. Start a new run instead.`,
    );
  }
  for (const name of given) {
    if (!RESUMABLE_OVERRIDES.has(name)) continue;
    merged[name] = (args as unknown as Record<string, unknown>)[name];
    explicit.add(name);
  }
  merged.resume = folder;
  merged.out = folder;
  return { args: merged as unknown as EvalArgs, explicit };
}
