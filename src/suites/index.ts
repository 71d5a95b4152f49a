import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { shortHash } from '../util/hash.js';
import { loadSuite } from './load-suite.js';
import type { RowCache } from './read-rows.js';
import { checkShots, renderItems, shotsUsed } from './render-items.js';
import { collectSuiteRows } from './sample-rows.js';
import { fileRef } from './suite-files.js';
import { builtInSuiteFiles, parseSuiteSpec, selectSubjects } from './suite-spec.js';
import type { SubjectRows, SuiteDefinition } from './suite-types.js';
import { writeItems } from './write-items.js';

/** One row of `mixrouter-eval suites`. */
export interface SuiteListing {
  /** The suite's name, e.g. 'gsm8k'. */
  name: string;
  version: string;
  description: string;
  /** Absolute path of the suite file. */
  file: string;
  /** Items in the full suite (after the suite's own sampling). */
  rows: number;
  /** Subjects with their item counts; empty for a suite with a single subject. */
  subsets: Array<{ name: string; rows: number; category: string | null }>;
  categories: Array<{ name: string; rows: number; subjects: number }>;
  /** e.g. 'MIT' or 'CC BY-NC-SA 4.0 (attribution, non-commercial, share-alike)'. */
  licence: string;
  /** Exemplars per item by default: the largest over the suite's parts (0 for a zero-shot suite). */
  defaultShots: number;
}

/** A suite written out as a JSONL dataset, ready for the dataset reader. */
export interface MaterializedSuite {
  /** As asked, e.g. 'cmmlu:stem'. */
  name: string;
  /** The suite's own name, e.g. 'cmmlu'. */
  suite: string;
  version: string;
  /** Absolute path of the suite file. */
  suiteFile: string;
  /** The JSONL written. */
  file: string;
  rows: number;
  /** sha256 of the JSONL written. */
  sha256: string;
  /** Exemplars per item in the parts that have them (0 when none were shown). */
  shots: number;
  /** Items of parts without exemplars, asked zero-shot whatever `shots` is (GSM8K in the default suite). */
  zeroShotRows: number;
  /** Subjects kept, or null for all. */
  subset: string[] | null;
  /** e.g. ['category', 'subject']. */
  groupBy: string[];
  /** 'cluster' (the materialized column, see SuiteItem.cluster) when the suite clusters items, else null. */
  clusterBy: string | null;
  licence: string;
  /** `${suite}@${version}`, to mix into item keys. */
  itemSalt: string;
}

function licenceText(suite: SuiteDefinition): string {
  return suite.licence.meaning === null ? suite.licence.name : `${suite.licence.name} (${suite.licence.meaning})`;
}

/** Subjects and categories with their item counts; categories in the parts' reporting order. */
function summarize(subjects: SubjectRows[]): Pick<SuiteListing, 'rows' | 'subsets' | 'categories'> {
  const order: string[] = [];
  for (const { part } of subjects) for (const name of part.categoryOrder) if (!order.includes(name)) order.push(name);
  const categories = new Map<string, { name: string; rows: number; subjects: number }>();
  for (const { source, rows } of subjects) {
    if (source.category === null) continue;
    if (!order.includes(source.category)) order.push(source.category);
    const entry = categories.get(source.category) ?? { name: source.category, rows: 0, subjects: 0 };
    entry.rows += rows.length;
    entry.subjects += 1;
    categories.set(source.category, entry);
  }
  return {
    rows: subjects.reduce((total, entry) => total + entry.rows.length, 0),
    subsets:
      subjects.length === 1
        ? []
        : subjects.map(({ source, rows }) => ({ name: source.subject, rows: rows.length, category: source.category })),
    categories: order.flatMap((name) => categories.get(name) ?? []),
  };
}

/** Every built-in suite (`suites/*.yaml` of the package, helper files left out), by name. */
export async function listBuiltInSuites(): Promise<SuiteListing[]> {
  const cache: RowCache = new Map();
  const listings: SuiteListing[] = [];
  for (const entry of builtInSuiteFiles()) {
    const suite = loadSuite({ file: fileRef(entry.path, process.cwd()), cwd: process.cwd() });
    const subjects = await collectSuiteRows({ suite, cache });
    listings.push({
      name: suite.name,
      version: suite.version,
      description: suite.description,
      file: suite.file.path,
      ...summarize(subjects),
      licence: licenceText(suite),
      defaultShots: Math.max(0, ...suite.parts.map((part) => part.defaultShots)),
    });
  }
  return listings;
}

/** A file name for `name`: safe characters only, shortened with a hash when long. */
function safeFileStem(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|-+$/g, '') || 'suite';
  return safe.length <= 100 ? safe : `${safe.slice(0, 80)}-${shortHash(name, 12)}`;
}

/**
 * Writes a suite's items as JSONL (`id, prompt, expected, scorer, subject, category, suite, cluster`).
 *
 * spec: a built-in name ('gsm8k', 'cmmlu', 'default'), a subset ('cmmlu:agronomy,anatomy' or
 * 'cmmlu:stem'; category names case-insensitive, 'china-specific' and 'social-science' accepted),
 * or a path to a suite file (contains '/' or ends .yaml/.yml/.json; './my.yaml:algebra' works too).
 * shots: undefined = each part's default; 0 allowed; more than the exemplars available is a
 * ConfigError naming --shots. folder: where `<name-with-safe-chars>.jsonl` is written (for a path
 * spec the file is named after the suite's own name and the subset). Writes atomically;
 * the same inputs give a byte-identical file.
 */
export async function materializeSuite(options: {
  spec: string;
  shots?: number;
  folder: string;
  cwd?: string;
}): Promise<MaterializedSuite> {
  const cwd = options.cwd ?? process.cwd();
  const spec = parseSuiteSpec(options.spec, cwd);
  const suite = loadSuite({ file: spec.file, cwd });
  const subset =
    spec.subset === null ? null : selectSubjects({ suite, subset: spec.subset, spec: options.spec.trim() });
  const cache: RowCache = new Map();
  const subjects = await collectSuiteRows({ suite, cache, subjects: subset === null ? undefined : new Set(subset) });
  checkShots(options.shots, subjects, suite);
  const asked = options.spec.trim();
  if (subjects.every((entry) => entry.rows.length === 0))
    throw new ConfigError(
      `--suite ${asked}: no items are left (the suite's sample keeps none of the subjects asked for).`,
    );
  const folder = resolve(cwd, options.folder);
  const stem = safeFileStem(spec.builtIn ? asked : `${suite.name}${spec.subset === null ? '' : `-${spec.subset}`}`);
  const file = join(folder, `${stem}.jsonl`);
  const written = await writeItems({
    file,
    folder,
    items: renderItems({ suite, subjects, shots: options.shots, cache }),
  });
  return {
    name: asked,
    suite: suite.name,
    version: suite.version,
    suiteFile: suite.file.path,
    file,
    rows: written.rows,
    sha256: written.sha256,
    shots: shotsUsed(subjects, options.shots),
    zeroShotRows: subjects.reduce((sum, { part, rows }) => sum + (part.hasFewShot ? 0 : rows.length), 0),
    subset,
    groupBy: suite.groupBy,
    // The materialized `cluster` column: the suite's cluster column where a part has several subjects, else the item.
    clusterBy: suite.clusterBy === null ? null : 'cluster',
    licence: licenceText(suite),
    itemSalt: `${suite.name}@${suite.version}`,
  };
}
