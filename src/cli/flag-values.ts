import { ConfigError } from '../errors.js';
import type { CommandSpec } from './command-specs.js';

/** What the user typed after `--name` (or `--name=`), the last time it appears; null when not found. */
function rawValue(argv: string[], name: string): string | null {
  let found: string | null = null;
  argv.forEach((token, index) => {
    if (token === `--${name}`) found = argv[index + 1] ?? '';
    else if (token.startsWith(`--${name}=`)) found = token.slice(name.length + 3);
  });
  return found;
}

/** How often `--name` (or `--name=…`, its camelCase spelling, or `--no-name`) appears before a `--`. */
function timesGiven(argv: string[], name: string): number {
  const camel = name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  const end = argv.indexOf('--');
  const spellings = new Set([name, camel, `no-${name}`]);
  return (end === -1 ? argv : argv.slice(0, end)).filter((token) => {
    const match = /^--([^=]+)/.exec(token);
    return match !== null && spellings.has(match[1]);
  }).length;
}

/**
 * Checks what yargs let through: a flag that takes one value given twice (yargs
 * would hand an array to code expecting one value), and a number flag whose value
 * is not a number (yargs turns it into NaN). Throws a ConfigError naming the flag.
 */
export function checkFlagValues(options: { spec: CommandSpec; parsed: Record<string, unknown>; argv: string[] }): void {
  const { spec, parsed, argv } = options;
  for (const [name, option] of Object.entries(spec.options)) {
    const value = parsed[name];
    if (value === undefined) continue;
    // Counted on the command line: yargs keeps only the second of two values when the first is 0 or ''.
    const given = option.array ? 1 : timesGiven(argv, name);
    if (given > 1) throw new ConfigError(`--${name} was given ${given} times; it takes one value. Give it once.`);
    const numbers = option.type === 'number' ? [value].flat() : [];
    if (numbers.some((entry) => typeof entry === 'number' && Number.isNaN(entry))) {
      const typed = rawValue(argv, name);
      throw new ConfigError(`--${name} takes a number; '${typed ?? ''}' is not one.`);
    }
  }
}
