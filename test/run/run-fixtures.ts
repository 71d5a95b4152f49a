import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ResultRecord } from '../../src/results/result-record.js';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator/server.js';

/** Writes `rows` distinct arithmetic questions as a CSV (id, question, answer) and returns its path. */
export function writeQuestions(options: { folder: string; name: string; rows: number; prefix?: string }): string {
  const file = join(options.folder, options.name);
  const lines = ['id,question,answer'];
  for (let index = 0; index < options.rows; index += 1) {
    lines.push(`q${index},${options.prefix ?? 'What is'} ${index} + ${index * 3}?,${index * 4}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Every line of a run folder's results.jsonl, parsed (an absent file is no lines). */
export function readRecords(folder: string): ResultRecord[] {
  const path = join(folder, 'results.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ResultRecord);
}

/** A test file's temporary folder, loopback simulator and questions.csv, set up before its tests and removed after. */
export interface SimulatedRunFixture {
  work: string;
  simulator: SimulatorHandle;
  dataset: string;
}

/** Registers the set-up and clean-up of a `SimulatedRunFixture`; its fields are filled once the tests start. */
export function simulatedRunFixture(options: {
  prefix: string;
  simulator: SimulatorOptions;
  rows: number;
}): SimulatedRunFixture {
  const fixture = {} as SimulatedRunFixture;
  beforeAll(async () => {
    fixture.work = mkdtempSync(join(tmpdir(), options.prefix));
    fixture.simulator = await startSimulator(options.simulator);
    fixture.dataset = writeQuestions({ folder: fixture.work, name: 'questions.csv', rows: options.rows });
  });
  afterAll(async () => {
    await fixture.simulator?.close();
    if (fixture.work) rmSync(fixture.work, { recursive: true, force: true });
  });
  return fixture;
}
