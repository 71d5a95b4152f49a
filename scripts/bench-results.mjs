// Measures the per-line cost of reading result lines (bare JSON.parse against parseResultLine) and the
// per-row cost of writing results.csv, on synthetic records shaped like a real run's. Run after
// `npm run build`: node scripts/bench-results.mjs [lines to parse] [rows to write]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResultLine } from '../dist/results/parse-result-line.js';
import { ResultsCsvWriter } from '../dist/results/write-csv.js';

const parseLines = Number(process.argv[2] ?? 200_000);
const csvRows = Number(process.argv[3] ?? 100_000);
const ROUNDS = 5;

/** A deterministic pseudo-random generator, so every run measures the same data. */
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const words = 'the of answer model step so we get total therefore = + - 42 7 x, "quoted" line\nbreak 数学'.split(' ');
function sentence(random, count) {
  let out = '';
  for (let index = 0; index < count; index += 1)
    out += `${index ? ' ' : ''}${words[Math.floor(random() * words.length)]}`;
  return out;
}

function record(index, random) {
  const failed = random() < 0.05;
  const cached = !failed && random() < 0.1;
  const input =
    random() < 0.2
      ? [
          { role: 'system', content: 'Answer with a number.' },
          { role: 'user', content: sentence(random, 20) },
        ]
      : `Question ${index}: ${sentence(random, 30)}`;
  const output = failed ? null : Math.floor(random() * 400);
  return {
    v: 2,
    key: index.toString(16).padStart(20, '0'),
    item: (index * 7).toString(16).padStart(20, '0'),
    id: `q${index}`,
    dataset: 'gsm8k.jsonl',
    model: 'gpt-4o-mini',
    model_id: 'gpt-4o-mini',
    format: 'openai-chat',
    repeat: 0,
    status: failed ? 'error' : 'ok',
    cached,
    cache_origin: cached
      ? { endpoint: 'https://gw.example/v1/chat/completions', simulated: false, cached_at: '2026-01-01T00:00:00.000Z' }
      : null,
    scorer: random() < 0.3 ? 'exact' : null,
    input,
    expected: String(Math.floor(random() * 100)),
    answer: failed ? null : sentence(random, 60),
    reasoning: random() < 0.2 ? sentence(random, 80) : null,
    answer_raw: null,
    error: failed ? { kind: 'timeout', message: 'attempt timed out after 60000 ms', status: null, code: null } : null,
    finish_reason: failed ? null : 'stop',
    finish_reason_raw: failed ? null : 'stop',
    input_tokens: failed ? null : 120,
    output_tokens: output,
    reasoning_tokens: null,
    cached_tokens: 0,
    cache_write_tokens: null,
    total_tokens: failed ? null : 120 + output,
    usage_raw: failed ? null : { prompt_tokens: 120, completion_tokens: output, total_tokens: 120 + output },
    cost_usd: failed ? null : 0.000018 + output * 0.0000006,
    response_model: failed ? null : 'gpt-4o-mini-2024-07-18',
    response_id: failed ? null : `chatcmpl-${index}`,
    system_fingerprint: 'fp_0123456789',
    request_id: `req-${index}`,
    stream: true,
    latency_ms: 812.4,
    ttft_ms: 230.1,
    generation_ms: 582.3,
    output_tps: 61.8,
    queue_ms: 0.4,
    backoff_ms: 0,
    attempts: 1,
    total_ms: 813.2,
    started_at: '2026-01-01T00:00:00.000Z',
    ended_at: '2026-01-01T00:00:00.813Z',
  };
}

/** The best of a few rounds, in µs per item (the best round is the one least disturbed by the other core's load). */
function best(items, run) {
  let fastest = Infinity;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    run();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1000 / items);
  }
  return fastest;
}

const random = rng(1);
const lines = Array.from({ length: Math.max(parseLines, csvRows) }, (_, index) =>
  JSON.stringify(record(index, random)),
);
const parsed = lines.slice(0, parseLines);
const bytes = parsed.reduce((sum, line) => sum + line.length, 0);
let sink = 0;
const bare = best(parseLines, () => {
  for (const line of parsed) sink += JSON.parse(line).repeat;
});
const checked = best(parseLines, () => {
  for (let index = 0; index < parsed.length; index += 1)
    sink += parseResultLine(parsed[index], index + 1).record.repeat;
});
console.log(`read ${parseLines} lines of ${Math.round(bytes / parseLines)} chars on average:`);
console.log(`  JSON.parse alone     ${bare.toFixed(2)} µs a line`);
console.log(`  parseResultLine      ${checked.toFixed(2)} µs a line (+${(checked - bare).toFixed(2)})`);

const records = lines.slice(0, csvRows).map((line) => JSON.parse(line));
const folder = mkdtempSync(join(tmpdir(), 'bench-results-'));
try {
  const path = join(folder, 'results.csv');
  const writeRows = (target) => () => {
    const writer = new ResultsCsvWriter(target);
    for (const entry of records) writer.write(entry);
    writer.close();
  };
  const toFile = best(csvRows, writeRows(path));
  // /dev/null leaves out the disk: what is left is formatting and the batching.
  const formatting = best(csvRows, writeRows('/dev/null'));
  console.log(`write ${records.length} rows to results.csv (${(statSync(path).size / 2 ** 20).toFixed(1)} MiB):`);
  console.log(
    `  ResultsCsvWriter     ${toFile.toFixed(2)} µs a row to a file, ${formatting.toFixed(2)} µs to /dev/null`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
if (sink === 0.5) console.log(sink);
