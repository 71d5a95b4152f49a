import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { chatCompletion, replyJson, startScriptedServer } from '../helpers/scripted-server.js';
import { hardeningFixture } from './fixtures.js';

// Issue 13, items 3 and 8: formulas in results.csv are inert; a corrupt line is named, never skipped.
const fixture = hardeningFixture('hardening-results-');

const FORMULAS = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A9)', '\tx', '\rx'];

describe('a gateway answer that a spreadsheet would run', () => {
  it('is neutralised in results.csv with a leading apostrophe, and kept raw in results.jsonl', async () => {
    const server = await startScriptedServer((request, response) => {
      const index = Number(/What is (\d+)/.exec(JSON.stringify(request.body))?.[1] ?? 0);
      replyJson(response, 200, chatCompletion({ content: FORMULAS[index % FORMULAS.length] }));
    });
    fixture.servers.push(server);
    const out = join(fixture.work, 'formulas');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('formulas.csv', FORMULAS.length),
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--no-cache',
      '--concurrency',
      '1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const rows = parse(readFileSync(join(out, 'results.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    const answers = new Set(rows.map((row) => row.answer));
    expect(answers).toEqual(new Set(FORMULAS.map((formula) => `'${formula}`)));
    const raw = new Set(fixture.records(out).map((record) => record.answer));
    expect(raw).toEqual(new Set(FORMULAS));
    // Numbers are values, never prefixed.
    expect(rows.every((row) => /^\d+$/.test(row.input_tokens))).toBe(true);
  });
});

describe('a corrupt line in the middle of results.jsonl', () => {
  it('is reported with its line number by resume, score, report and compare', async () => {
    const out = join(fixture.work, 'corrupt');
    const first = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('corrupt.csv', 4),
      '--simulate',
      '--out',
      out,
    ]);
    expect(first.code, first.stderr).toBe(0);
    const path = join(out, 'results.jsonl');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    lines[1] = lines[1].replace(/"cost_usd":[^,]*/, '"cost_usd":"free"');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const expected = `${path}:2: not a valid result line (field cost_usd`;
    for (const args of [
      ['eval', '--resume', out, '--simulate'],
      ['score', out],
      ['report', out],
      ['compare', out, out],
    ]) {
      const result = await runCli(args);
      expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(expected);
    }
  });
});
