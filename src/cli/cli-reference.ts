import type { Options } from 'yargs';
import { EXIT_CODES } from '../errors.js';
import { COMMAND_SPECS, type CommandSpec } from './command-specs.js';

/** A markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('\n', ' ');
}

function typeOf(option: Options): string {
  const base = option.type ?? 'string';
  return option.array ? `${base}, repeatable` : base;
}

function defaultOf(option: Options): string {
  if (option.default === undefined) return '';
  return `\`${JSON.stringify(option.default)}\``;
}

/** `--name`, with its negated form for a boolean that is on by default. */
function flagOf(name: string, option: Options): string {
  return option.type === 'boolean' && option.default === true ? `\`--${name}\` / \`--no-${name}\`` : `\`--${name}\``;
}

function flagTable(entries: Array<[string, Options]>): string[] {
  const rows = entries.map(
    ([name, option]) =>
      `| ${flagOf(name, option)} | ${typeOf(option)} | ${defaultOf(option)} | ${cell(String(option.describe ?? ''))} |`,
  );
  return ['| flag | type | default | meaning |', '|---|---|---|---|', ...rows];
}

function commandSection(spec: CommandSpec): string[] {
  const lines = [`## \`${spec.usage}\``, '', `${spec.summary}.`, ''];
  const positionals = Object.entries(spec.positionals ?? {});
  if (positionals.length > 0) {
    lines.push('| argument | meaning |', '|---|---|');
    for (const [name, positional] of positionals)
      lines.push(`| \`<${name}>\` | ${cell(String(positional.describe))} |`);
    lines.push('');
  }
  const groups = new Map<string, Array<[string, Options]>>();
  for (const entry of Object.entries(spec.options)) {
    const group = String(entry[1].group ?? 'Options:').replace(/:$/, '');
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  for (const [group, entries] of groups) {
    if (groups.size > 1) lines.push(`### ${group}`, '');
    lines.push(...flagTable(entries), '');
  }
  if (spec.examples.length > 0) {
    lines.push('Examples:', '', '```bash');
    for (const [command, description] of spec.examples) {
      lines.push(`# ${description}`, command.replace('$0', 'mixrouter-eval'));
    }
    lines.push('```', '');
  }
  return lines;
}

/**
 * `docs/cli.md`: every command and flag, rendered from the same declarations
 * yargs parses with (`command-specs.ts`), so the reference cannot drift from
 * the CLI. `npm run docs` writes it; a test fails when the file differs.
 */
export function renderCliReference(): string {
  const lines = [
    '# Command-line reference',
    '',
    '<!-- Generated from src/cli/command-specs.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'In this repository run a command as `npm run eval -- …` or `node dist/bin/mixrouter-eval.js <command> …`;',
    'installed as a package the binary is `mixrouter-eval`. `--help` after any command prints the same flags.',
    'Flags are kebab-case; a boolean flag that is on by default is turned off with its `--no-` form.',
    '',
    '| command | what it does |',
    '|---|---|',
    ...COMMAND_SPECS.map((spec) => `| [\`${spec.name}\`](#${anchorOf(spec)}) | ${cell(spec.summary)} |`),
    '',
    ...COMMAND_SPECS.flatMap(commandSection),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** GitHub's heading anchor for a command section. */
function anchorOf(spec: CommandSpec): string {
  return spec.usage
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s/g, '-');
}

/** `docs/exit-codes.md`, rendered from `EXIT_CODES` (src/errors.ts). */
export function renderExitCodes(): string {
  return [
    '# Exit codes',
    '',
    '<!-- Generated from EXIT_CODES in src/errors.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'Every command exits with one of these. Each kind of problem has its own code, so a CI job can tell a',
    'worse model (1) from bad input (2) and from a misbehaving gateway (3).',
    '',
    '| code | meaning |',
    '|---|---|',
    ...EXIT_CODES.map(({ code, meaning }) => `| ${code} | ${cell(meaning)} |`),
    '',
  ].join('\n');
}
