import { FIELD_NAMES, RESULT_FIELDS } from './columns.js';
import { RESULT_SCHEMA_VERSION, type ResultRecord } from './result-record.js';
import { describeValue } from './value-checks.js';

/** Why one line of a results file was not taken as a record. */
export interface LineProblem {
  /** The line number in the file, from 1. */
  line: number;
  /**
   * `not-json`: the text does not parse (at the end of a file, the torn tail of
   * an interrupted write); `not-an-object`: JSON, but not an object;
   * `version`: a schema version this build cannot read; `field`: a field
   * missing or of the wrong type.
   */
  kind: 'not-json' | 'not-an-object' | 'version' | 'field';
  /** The field at fault, for `version` and `field`. */
  field: keyof ResultRecord | null;
  /** What is wrong, in words (nested members are named as `member: reason`). */
  reason: string;
}

/** A parsed line: the record, or the problem that kept it out. */
export type ParsedLine = { record: ResultRecord; problem: null } | { record: null; problem: LineProblem };

/** The problem as one sentence, e.g. `line 7: field cost_usd: expected number | null, got "0.1"`. */
export function describeLineProblem(problem: LineProblem): string {
  return `line ${problem.line}: ${problem.field ? `field ${problem.field}: ` : ''}${problem.reason}`;
}

const CHECKS = FIELD_NAMES.map((name) => [name, RESULT_FIELDS[name].check] as const);

/** The fields a v1 line may lack, with the value each gets when the line is upgraded. */
const V1_DEFAULTS = FIELD_NAMES.flatMap((name) => {
  const fallback = RESULT_FIELDS[name].v1Default;
  return fallback ? [[name, fallback.value] as const] : [];
});

function fail(line: number, kind: LineProblem['kind'], field: LineProblem['field'], reason: string): ParsedLine {
  return { record: null, problem: { line, kind, field, reason } };
}

/**
 * Parses one line of `results.jsonl` and checks every field against the
 * registry. A v1 line is upgraded in place to the v2 shape first: the fields
 * it may lack (`cached`, `cache_origin`, `scorer`, `billed_*_tokens`, `cost_usd`) get `false` or
 * `null` and `v` becomes 2. Fields the registry does not know are kept as
 * they are. Values are never converted: a valid record is the parsed object.
 *
 * Cost, measured with `node scripts/bench-results.mjs` after `npm run build`
 * (200,000 synthetic v2 lines of 1.5 KB on average, Node 20, a 2-core machine
 * shared with other work; best of 5 rounds, three runs): `JSON.parse` alone
 * 5.8 to 6.5 µs a line, this function 7.3 to 7.4 µs a line, so the checks add
 * about 1.2 µs (0.8 to 1.7) a line, roughly a fifth more. Most of it is the
 * 46 reads by field name; nothing outlives the line, so the memory of a long
 * read does not change. (Inlining the `typeof` tests of the plain fields into
 * this loop saved only about 0.2 µs, so the checks stay plain functions.)
 */
export function parseResultLine(text: string, line: number): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(line, 'not-json', null, `not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(line, 'not-an-object', null, `expected a JSON object, got ${describeValue(value)}`);
  }
  const object = value as Record<string, unknown>;
  if (object.v !== RESULT_SCHEMA_VERSION) {
    if (object.v !== 1) return fail(line, 'version', 'v', versionReason(object.v));
    for (const [name, fallback] of V1_DEFAULTS) if (object[name] === undefined) object[name] = fallback;
    object.v = RESULT_SCHEMA_VERSION;
  }
  for (const [name, check] of CHECKS) {
    const reason = check(object[name]);
    if (reason !== null) return fail(line, 'field', name, reason);
  }
  return { record: object as unknown as ResultRecord, problem: null };
}

function versionReason(version: unknown): string {
  if (typeof version === 'number' && version > RESULT_SCHEMA_VERSION) {
    return `schema version ${version} was written by a newer mixrouter-eval; this one reads versions 1 to ${RESULT_SCHEMA_VERSION}`;
  }
  return `expected schema version 1 to ${RESULT_SCHEMA_VERSION}, got ${describeValue(version)}`;
}
