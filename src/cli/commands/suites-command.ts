import { ExitCode, type ExitCodeValue } from '../../errors.js';
import { renderTable } from '../../report/text-table.js';
import { listBuiltInSuites, type SuiteListing } from '../../suites/index.js';
import type { CommandIo } from '../command-io.js';

/** Flags of `suites`. */
export interface SuitesArgs {
  json: boolean;
  /** Show every subset (subject) of the named suite. */
  name?: string;
}

/** `suites`: the built-in suites with their item counts, subsets, licence, default shots and version. */
export async function suitesCommand(args: SuitesArgs, io: CommandIo): Promise<ExitCodeValue> {
  const listings = await listBuiltInSuites();
  const chosen = args.name === undefined ? listings : listings.filter((listing) => listing.name === args.name);
  if (args.name !== undefined && chosen.length === 0) {
    io.stderr.write(
      `error: no built-in suite is called '${args.name}'. Built-in suites: ${listings.map((listing) => listing.name).join(', ')}.\n`,
    );
    return ExitCode.badInput;
  }
  if (args.json) {
    io.stdout.write(`${JSON.stringify(chosen, null, 2)}\n`);
    return ExitCode.ok;
  }
  io.stdout.write(`${args.name === undefined ? renderSuites(chosen) : renderSubsets(chosen[0])}\n`);
  return ExitCode.ok;
}

/** The overview table, the categories of each suite, and how to use them. */
export function renderSuites(listings: readonly SuiteListing[]): string {
  const rows = listings.map((listing) => [
    listing.name,
    listing.version,
    listing.rows.toLocaleString('en-US'),
    listing.subsets.length === 0 ? '-' : String(listing.subsets.length),
    String(listing.defaultShots),
    listing.licence,
  ]);
  const lines = [
    renderTable({
      header: ['suite', 'version', 'items', 'subsets', 'shots', 'licence'],
      rows,
      leftColumns: 2,
      leftLast: true,
    }),
    '',
  ];
  for (const listing of listings) {
    lines.push(`${listing.name}: ${listing.description}`);
    if (listing.categories.length > 1) {
      const parts = listing.categories.map((category) => `${category.name} ${category.rows.toLocaleString('en-US')}`);
      lines.push(`  categories: ${parts.join(', ')}`);
    }
  }
  lines.push(
    '',
    'Run one: mixrouter-eval eval --models <a,b> --suite cmmlu (repeatable; --shots N changes the few-shot count).',
    'A subset: --suite cmmlu:stem, or --suite cmmlu:agronomy,anatomy. Every subject of a suite: mixrouter-eval suites <name>.',
    'Your own suite file: --suite ./my-suite.yaml (the format is in docs/suites.md).',
  );
  return lines.join('\n');
}

/** One suite's subsets (subjects) with their categories and item counts. */
export function renderSubsets(listing: SuiteListing): string {
  const rows = listing.subsets.map((subset) => [subset.name, subset.category ?? '-', String(subset.rows)]);
  const head = `${listing.name} v${listing.version}: ${listing.rows.toLocaleString('en-US')} items, ${listing.defaultShots}-shot by default; licence ${listing.licence}.`;
  if (rows.length === 0) return `${head}\nIt has no subsets.`;
  return `${head}\n\n${renderTable({ header: ['subset', 'category', 'items'], rows, leftColumns: 2 })}`;
}
