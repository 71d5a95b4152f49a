import { FORMATS } from '../types/formats.js';
import { ConfigError } from '../errors.js';
import type { FormatName, ThinkingOptions } from '../protocols/types.js';
import type { CatalogEntry } from './catalog.js';

/**
 * One `--models` entry, parsed. Syntax: `name[@format][+thinking[=budget|effort]][+nothinking]`,
 * e.g. `claude-sonnet-4-5@anthropic+thinking=4096`, `o3+thinking=high`, `gemini-2.5-flash@gemini+nothinking`.
 */
export interface ModelSpec {
  /** The entry as written (trimmed); it becomes the row label, so it must be unique in a run. */
  entry: string;
  /** The model name before `@` / `+`: a catalog id, an alias, or any id the gateway serves. */
  name: string;
  /** The format after `@`, or null to use the catalog default. */
  format: FormatName | null;
  /** Thinking from `+thinking…` / `+nothinking`, or null when the entry says nothing. */
  thinking: ThinkingOptions | null;
}

/** Short names accepted after `@`, besides the full format names. */
export const FORMAT_ALIASES: Readonly<Record<string, FormatName>> = {
  chat: 'openai-chat',
  openai: 'openai-chat',
  responses: 'openai-responses',
  anthropic: 'anthropic-messages',
  messages: 'anthropic-messages',
  claude: 'anthropic-messages',
  gemini: 'gemini',
  google: 'gemini',
  video: 'video-task',
};

/** Every format name, in the order help texts list them: the one list in src/types/formats.ts. */
export const FORMAT_NAMES: readonly FormatName[] = FORMATS;

const EFFORTS: ReadonlyArray<NonNullable<ThinkingOptions['effort']>> = ['minimal', 'low', 'medium', 'high'];

/** A format name or alias (case-insensitive) as a format, or null when it is neither. */
export function parseFormatName(value: string): FormatName | null {
  const lower = value.trim().toLowerCase();
  const full = FORMAT_NAMES.find((format) => format === lower);
  return full ?? FORMAT_ALIASES[lower] ?? null;
}

/** `chat|openai → openai-chat, …`: the valid formats, for error messages. */
export function describeFormats(): string {
  return FORMAT_NAMES.map((format) => {
    const aliases = Object.entries(FORMAT_ALIASES)
      .filter(([alias, target]) => target === format && alias !== format)
      .map(([alias]) => alias);
    return aliases.length > 0 ? `${aliases.join('|')} → ${format}` : format;
  }).join(', ');
}

function fail(origin: string, problem: string): never {
  throw new ConfigError(`${origin}: ${problem}`);
}

function parseThinking(options: { modifier: string; origin: string }): ThinkingOptions {
  const { modifier, origin } = options;
  const lower = modifier.toLowerCase();
  if (lower.includes('@'))
    fail(
      origin,
      `the format goes right after the model name, before any '+' modifier (e.g. claude-sonnet-4-5@anthropic+thinking).`,
    );
  if (lower === 'thinking') return { enabled: true };
  if (lower === 'nothinking' || lower === 'no-thinking') return { enabled: false };
  if (lower.startsWith('thinking=')) {
    const value = lower.slice('thinking='.length);
    if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value)) && Number(value) > 0)
      return { enabled: true, budgetTokens: Number(value) };
    const effort = EFFORTS.find((level) => level === value);
    if (effort) return { enabled: true, effort };
    fail(
      origin,
      `'+${modifier}' is not a thinking budget or effort. Write +thinking=<tokens> (a whole number above 0, e.g. +thinking=4096) or +thinking=<effort> (${EFFORTS.join(', ')}).`,
    );
  }
  fail(
    origin,
    `unknown modifier '+${modifier}'. Valid modifiers: +thinking, +thinking=<tokens>, +thinking=<effort> (${EFFORTS.join(', ')}), +nothinking.`,
  );
}

/**
 * Parses one entry. `origin` prefixes every error (default `--models entry '<entry>'`).
 * Throws ConfigError for an empty name, an unknown format (listing the valid ones), an
 * unknown or repeated modifier, and a `+thinking=` value that is neither a budget nor an effort.
 */
export function parseModelSpec(options: { entry: string; origin?: string }): ModelSpec {
  const entry = options.entry.trim();
  const origin = options.origin ?? `--models entry '${options.entry}'`;
  const [head, ...modifiers] = entry.split('+').map((part) => part.trim());
  const at = head.indexOf('@');
  const name = (at < 0 ? head : head.slice(0, at)).trim();
  if (name.length === 0)
    fail(origin, 'the model name is empty. Write a model id first, e.g. qwen3-max or claude-sonnet-4-5@anthropic.');
  let format: FormatName | null = null;
  if (at >= 0) {
    const formatText = head.slice(at + 1).trim();
    format = parseFormatName(formatText);
    if (format === null) {
      const shown = formatText.length === 0 ? 'nothing' : `'${formatText}'`;
      fail(origin, `unknown format ${shown} after '@'. Valid formats: ${describeFormats()}.`);
    }
  }
  let thinking: ThinkingOptions | null = null;
  for (const modifier of modifiers) {
    if (modifier.length === 0) fail(origin, "empty modifier (a '+' with nothing after it). Remove the extra '+'.");
    const parsed = parseThinking({ modifier, origin });
    if (thinking !== null)
      fail(origin, 'more than one thinking modifier. Keep one of +thinking, +thinking=<tokens|effort> or +nothinking.');
    thinking = parsed;
  }
  return { entry, name, format, thinking };
}

/**
 * Throws unless the catalog lists `format` for the model. Models the catalog does not know
 * pass (the gateway may serve them on any format); a config file `format` skips this check,
 * which is the way to use a format the gateway serves but the catalog does not list.
 */
export function assertFormatSupported(options: { spec: ModelSpec; model: CatalogEntry | null; origin?: string }): void {
  const { spec, model } = options;
  if (spec.format === null || model === null || model.formats.includes(spec.format)) return;
  const origin = options.origin ?? `--models entry '${spec.entry}'`;
  const written = model.formats.map((format) => `${spec.name}@${shortestAlias(format)}`).join(' or ');
  fail(
    origin,
    `${model.id} is not served as ${spec.format} according to the built-in catalog; it is served as ${model.formats.join(', ')} (write ${written}). ` +
      `If your gateway does serve it as ${spec.format}, set "format: ${spec.format}" for it in a --config file, which skips this check.`,
  );
}

function shortestAlias(format: FormatName): string {
  const aliases = Object.entries(FORMAT_ALIASES)
    .filter(([, target]) => target === format)
    .map(([alias]) => alias)
    .sort((left, right) => left.length - right.length);
  return aliases[0] ?? format;
}
