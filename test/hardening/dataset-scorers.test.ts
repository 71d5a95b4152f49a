import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { chatCompletion, replyJson, startScriptedServer } from '../helpers/scripted-server.js';
import { hardeningFixture } from './fixtures.js';

// Issue 13, items 1 and 2: a dataset runs no code and spends nothing on its own, and every spec is checked first.
const fixture = hardeningFixture('hardening-scorers-');

async function gateway() {
  const server = await startScriptedServer((request, response) =>
    replyJson(response, 200, chatCompletion({ content: '2', model: String(request.body.model) })),
  );
  fixture.servers.push(server);
  return server;
}

/** A dataset folder with a module that, when imported, leaves a marker file and passes every row. */
function datasetWithScorer(name: string, spec: string): { file: string; marker: string } {
  const folder = join(fixture.work, name);
  mkdirSync(folder, { recursive: true });
  const marker = join(folder, 'imported.txt');
  writeFileSync(
    join(folder, 'scorer.mjs'),
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default () => 1;\n`,
  );
  const file = join(folder, 'rows.csv');
  writeFileSync(file, `id,question,answer,scorer\nq1,What is 1 + 1?,2,exact\nq2,What is 2 + 2?,4,${spec}\n`);
  return { file, marker };
}

describe("a dataset's scorer column", () => {
  it.each([
    ['custom:./scorer.mjs', 'runs code'],
    ['json-schema:/etc/passwd', 'reads a file'],
    ['judge:gpt-4o-mini', 'pays for calls to a model'],
  ])('may not name %s: exit 2 before any request, nothing loaded', async (spec, says) => {
    const server = await gateway();
    const { file, marker } = datasetWithScorer(`refused-${spec.split(':')[0]}`, spec);
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      file,
      '--base-url',
      server.baseUrl,
      '--no-cache',
      '--out',
      join(fixture.work, `out-${spec.split(':')[0]}`),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${file}:3 (column 'scorer') ${spec}: a dataset may choose only the built-in scorers`,
    );
    expect(result.stderr).toContain(says);
    expect(result.stderr).not.toContain('root:');
    expect(server.requests).toHaveLength(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('with --allow-dataset-scorers, runs its module, its relative path resolved against the dataset folder', async () => {
    const server = await gateway();
    const { file, marker } = datasetWithScorer('allowed', 'custom:./scorer.mjs');
    const out = join(fixture.work, 'out-allowed');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      file,
      '--base-url',
      server.baseUrl,
      '--no-cache',
      '--out',
      out,
      '--allow-dataset-scorers',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('ran');
    const lines = readFileSync(join(out, 'scores.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.scores[0].name).sort()).toEqual(['custom:./scorer.mjs', 'exact']);
  });

  it('is checked before the first request: a bad regex names the file and line, exit 2, nothing sent', async () => {
    const server = await gateway();
    const file = join(fixture.work, 'bad-regex.csv');
    writeFileSync(file, 'id,question,answer,scorer\nq1,What is 1 + 1?,2,exact\nq2,What is 2 + 2?,4,regex:([a-\n');
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      file,
      '--base-url',
      server.baseUrl,
      '--no-cache',
      '--out',
      join(fixture.work, 'out-regex'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:3 (column 'scorer') regex:([a-`);
    expect(server.requests).toHaveLength(0);
  });

  it('is held to the same rule by `score`', async () => {
    const server = await gateway();
    const { file, marker } = datasetWithScorer('rescored', 'exact');
    const out = join(fixture.work, 'out-rescored');
    expect(
      (
        await fixture.evalCli([
          '--models',
          'm',
          '--dataset',
          file,
          '--base-url',
          server.baseUrl,
          '--no-cache',
          '--out',
          out,
        ])
      ).code,
    ).toBe(0);
    // The recorded rows now name a custom module, as if results.jsonl had been edited.
    const results = join(out, 'results.jsonl');
    writeFileSync(
      results,
      readFileSync(results, 'utf8').replaceAll('"scorer":"exact"', '"scorer":"custom:./scorer.mjs"'),
    );
    const refused = await runCli(['score', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a dataset may choose only the built-in scorers');
    expect(existsSync(marker)).toBe(false);
    const allowed = await runCli(['score', out, '--allow-dataset-scorers']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });
});
