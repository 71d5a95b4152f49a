import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/simulator/answer/knowledge.js';
import { loadKnowledge } from '../../src/simulator/answer/knowledge-loader.js';
import { parseAccuracySpec, SimulatorOptionError, toSimulatorOptions } from '../../src/simulator/cli-options.js';
import { runSimulatorMain } from '../../src/simulator/main.js';
import { type SimulatorHandle, startSimulator } from '../../src/simulator/server.js';

/** One multiple-choice row of a materialized suite. */
interface SuiteRow {
  id: string;
  prompt: string;
  expected: string;
  scorer: string;
  subject: string;
  category: string;
  suite: string;
}

const letters = ['A', 'B', 'C', 'D'];
const perCategory = 200;

/** 200 STEM rows (physics and agronomy alternating) and 200 Humanities rows, each with a shared exemplar. */
function suiteRows(): SuiteRow[] {
  const rows: SuiteRow[] = [];
  for (const category of ['STEM', 'Humanities']) {
    const exemplar = `The following are multiple choice questions about ${category}.\nExemplar question: which option is first?\nA. first\nB. second\nC. third\nD. fourth\nAnswer: A\n\n`;
    for (let index = 0; index < perCategory; index += 1) {
      const subject = category === 'STEM' ? (index % 2 === 0 ? 'physics' : 'agronomy') : 'history';
      const word = `${category.toLowerCase()}-item-${index.toString(36)}`;
      const options = letters.map((letter) => `${letter}. ${word} option ${letter.toLowerCase()}`).join('\n');
      rows.push({
        id: `${category}-${index}`,
        prompt: `${exemplar}Question about ${subject}: which option is the right one for ${word}?\n${options}\nAnswer:`,
        expected: letters[(index * 7) % 4],
        scorer: 'choice',
        subject,
        category,
        suite: 'tiny',
      });
    }
  }
  return rows;
}

/** Asks `model` one prompt over real HTTP and returns the option letter it answered. */
async function answerLetter(simulator: SimulatorHandle, model: string, prompt: string): Promise<string> {
  const response = await fetch(`${simulator.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: prompt }] }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
  const match = /The answer is ([A-J])\./.exec(body.choices[0].message.content);
  expect(match).not.toBeNull();
  return match?.[1] ?? '';
}

/** Share of rows answered correctly by `model`, per key the rows are grouped by. */
async function correctShares(
  simulator: SimulatorHandle,
  model: string,
  rows: readonly SuiteRow[],
  keyOf: (row: SuiteRow) => string,
): Promise<Map<string, { correct: number; total: number }>> {
  const shares = new Map<string, { correct: number; total: number }>();
  for (let start = 0; start < rows.length; start += 50) {
    const batch = rows.slice(start, start + 50);
    const answers = await Promise.all(batch.map((row) => answerLetter(simulator, model, row.prompt)));
    batch.forEach((row, index) => {
      const share = shares.get(keyOf(row)) ?? { correct: 0, total: 0 };
      share.total += 1;
      if (answers[index] === row.expected) share.correct += 1;
      shares.set(keyOf(row), share);
    });
  }
  return shares;
}

/** Asserts an observed share is within four binomial standard errors of `p`. */
function expectNear(share: { correct: number; total: number } | undefined, p: number): void {
  expect(share).toBeDefined();
  const { correct, total } = share ?? { correct: 0, total: 1 };
  const standardError = Math.sqrt((p * (1 - p)) / total);
  expect(Math.abs(correct / total - p)).toBeLessThanOrEqual(4 * standardError);
}

let work = '';
let knowledgeFile = '';
let simulator: SimulatorHandle;
const rows = suiteRows();

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'sim-group-accuracy-'));
  knowledgeFile = path.join(work, 'tiny.jsonl');
  await writeFile(knowledgeFile, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
  simulator = await startSimulator({
    latencyScale: 0,
    knowledge: [knowledgeFile],
    profiles: {
      'model-x': { accuracy: 0.9, accuracyByGroup: { STEM: 0.2 } },
      'model-y': { accuracy: 0.6 },
      'model-z': { accuracy: 0.7, accuracyByGroup: { STEM: 0, agronomy: 1 } },
    },
  });
});

afterAll(async () => {
  await simulator?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('per-group accuracy over HTTP', () => {
  it('uses the category accuracy for its questions and the overall accuracy for the others', async () => {
    const shares = await correctShares(simulator, 'model-x', rows, (row) => row.category);
    expectNear(shares.get('STEM'), 0.2);
    expectNear(shares.get('Humanities'), 0.9);
  });

  it('answers every category at the overall accuracy when the model has no group override', async () => {
    const shares = await correctShares(simulator, 'model-y', rows, (row) => row.category);
    expectNear(shares.get('STEM'), 0.6);
    expectNear(shares.get('Humanities'), 0.6);
  });

  it('prefers the subject over the category when both are listed', async () => {
    const shares = await correctShares(simulator, 'model-z', rows, (row) => row.subject);
    expect(shares.get('agronomy')).toEqual({ correct: perCategory / 2, total: perCategory / 2 });
    expect(shares.get('physics')).toEqual({ correct: 0, total: perCategory / 2 });
    expectNear(shares.get('history'), 0.7);
  });

  it('takes groups taught through addKnowledge', async () => {
    const own = await startSimulator({
      latencyScale: 0,
      profiles: { m: { accuracy: 1, accuracyByGroup: { workshop: 0 } } },
    });
    try {
      own.addKnowledge('Which tool cuts wood in the workshop quiz?\nA. saw\nB. cup', 'A', ['workshop']);
      own.addKnowledge('Which tool holds tea in the kitchen quiz?\nA. saw\nB. cup', 'B');
      expect(await answerLetter(own, 'm', 'Which tool cuts wood in the workshop quiz?\nA. saw\nB. cup')).toBe('B');
      expect(await answerLetter(own, 'm', 'Which tool holds tea in the kitchen quiz?\nA. saw\nB. cup')).toBe('B');
    } finally {
      await own.close();
    }
  });
});

describe('knowledge groups', () => {
  it('reads Subject and Category columns of a CSV, subject first, and rows without them have none', async () => {
    const csv = path.join(work, 'groups.csv');
    await writeFile(
      csv,
      [
        'Question,A,B,C,D,Answer,Subject,Category',
        'Which bone is in the thigh?,Femur,Ulna,Radius,Tibia,A,anatomy,STEM',
        'Who wrote the Analects in this quiz?,Laozi,Confucius,Mencius,Xunzi,B,,Humanities',
      ].join('\n'),
    );
    const plain = path.join(work, 'plain.jsonl');
    await writeFile(plain, `${JSON.stringify({ question: 'Which planet is red in this quiz?', answer: 'Mars' })}\n`);
    const base = new KnowledgeBase();
    expect(await loadKnowledge({ base, files: [csv, plain] })).toBe(3);
    expect(base.find('Which bone is in the thigh?\nA. Femur')?.groups).toEqual(['anatomy', 'STEM']);
    expect(base.find('Who wrote the Analects in this quiz?')?.groups).toEqual(['Humanities']);
    expect(base.find('Which planet is red in this quiz?')?.groups).toEqual([]);
  });

  it('matches JSONL group keys in any letter case', async () => {
    const file = path.join(work, 'cased.jsonl');
    await writeFile(
      file,
      `${JSON.stringify({ PROMPT: 'Name the gas plants take in.', Expected: 'CO2', CATEGORY: 'Other' })}\n`,
    );
    const base = new KnowledgeBase();
    await loadKnowledge({ base, files: [file] });
    expect(base.find('Name the gas plants take in.')?.groups).toEqual(['Other']);
  });
});

describe('--accuracy', () => {
  it('parses overall and per-group accuracies, with spaces in group names and colons in model ids', () => {
    expect(parseAccuracySpec('model-x:STEM=0.2, model-x=0.9,model-x:Social Science=.5')).toEqual({
      'model-x': { accuracy: 0.9, accuracyByGroup: { STEM: 0.2, 'Social Science': 0.5 } },
    });
    expect(parseAccuracySpec(['qwen:7b:STEM=1', 'm=0'])).toEqual({
      'qwen:7b': { accuracyByGroup: { STEM: 1 } },
      m: { accuracy: 0 },
    });
    expect(toSimulatorOptions({ accuracy: 'm:GSM8K=0.3' })).toEqual({
      profiles: { m: { accuracyByGroup: { GSM8K: 0.3 } } },
    });
  });

  it.each(['m=1.5', 'm=-0.1', 'm=high', 'm', ':STEM=0.2', 'm:=0.2', 'm=', 'm=0x1'])('rejects %s', (spec) => {
    expect(() => parseAccuracySpec(spec)).toThrow(SimulatorOptionError);
    expect(() => toSimulatorOptions({ accuracy: spec })).toThrow(/--accuracy/);
  });

  it('reaches the models from the standalone command line', async () => {
    const started = await runSimulatorMain({
      argv: ['--port', '0', '--latency-scale', '0', '--knowledge', knowledgeFile, '--accuracy', 'cli-m=1,cli-m:STEM=0'],
      output: () => undefined,
    });
    try {
      const stem = rows.filter((row) => row.category === 'STEM').slice(0, 20);
      const humanities = rows.filter((row) => row.category === 'Humanities').slice(0, 20);
      expect((await correctShares(started, 'cli-m', stem, () => 'all')).get('all')?.correct).toBe(0);
      expect((await correctShares(started, 'cli-m', humanities, () => 'all')).get('all')?.correct).toBe(20);
    } finally {
      await started.close();
    }
  });
});
