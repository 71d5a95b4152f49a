import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, FIELD_NAMES, RESULT_FIELDS } from '../../src/results/columns.js';
import { cacheOriginCheck, messagesCheck, recordErrorCheck, videoCheck } from '../../src/results/nested-checks.js';
import { anyJson, either, nullable, number, oneOf, optional, text } from '../../src/results/value-checks.js';

/** The columns results.csv had before the registry, in their order then. */
const LEGACY_COLUMNS = [
  'key',
  'item',
  'id',
  'dataset',
  'model',
  'model_id',
  'format',
  'repeat',
  'status',
  'input',
  'expected',
  'answer',
  'reasoning',
  'answer_raw',
  'error_kind',
  'error_message',
  'error_status',
  'error_code',
  'finish_reason',
  'finish_reason_raw',
  'input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cached_tokens',
  'cache_write_tokens',
  'total_tokens',
  'usage_raw',
  'response_model',
  'response_id',
  'system_fingerprint',
  'request_id',
  'stream',
  'latency_ms',
  'ttft_ms',
  'generation_ms',
  'output_tps',
  'queue_ms',
  'backoff_ms',
  'attempts',
  'total_ms',
  'started_at',
  'ended_at',
];

describe('value checks', () => {
  it('accept their type and name what is wrong otherwise', () => {
    expect(text('a')).toBeNull();
    expect(text(1)).toBe('expected string, got number 1');
    expect(text(undefined)).toBe('expected string, got nothing (field missing)');
    expect(nullable(number)(null)).toBeNull();
    expect(nullable(number)('3')).toBe('expected number | null, got "3"');
    expect(optional(number)(undefined)).toBeNull();
    expect(oneOf(['a', 'b'])('c')).toBe('expected one of "a" | "b", got "c"');
    expect(either(text, number)(true)).toBe('expected string | number, got boolean true');
    expect(anyJson(null)).toBeNull();
    expect(anyJson(undefined)).not.toBeNull();
  });

  it('check nested objects member by member', () => {
    expect(recordErrorCheck({ kind: 'timeout', message: 'slow', status: null, code: null })).toBeNull();
    expect(recordErrorCheck({ kind: 'slow', message: 'slow', status: null, code: null })).toMatch(
      /^kind: expected one of/,
    );
    expect(recordErrorCheck({ kind: 'auth', message: 'no', status: '401', code: null })).toBe(
      'status: expected number | null, got "401"',
    );
    expect(cacheOriginCheck({ endpoint: 'http://x/v1', simulated: 'no', cached_at: 't' })).toBe(
      'simulated: expected boolean, got "no"',
    );
    expect(recordErrorCheck([])).toBe('expected {kind, message, status, code}, got an array');
  });

  it('check messages down to their parts', () => {
    expect(messagesCheck([{ role: 'user', content: 'hi' }])).toBeNull();
    expect(
      messagesCheck([
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA', detail: 'low' } },
          ],
        },
      ]),
    ).toBeNull();
    expect(messagesCheck([{ role: 'robot', content: 'hi' }])).toMatch(/^\[0\]: role: expected one of/);
    expect(messagesCheck([{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }])).toBe(
      '[0]: content: [0]: image_url.url: expected string, got nothing (field missing)',
    );
    expect(messagesCheck('hi')).toBe('expected ChatMessage[], got "hi"');
  });

  it('check a video task with an optional handle member', () => {
    const video = {
      task_id: 't',
      handle: { taskId: 't', model: 'v', pollPath: '/v1/video/t' },
      state: 'succeeded',
      status_raw: 'SUCCEEDED',
      failure_reason: null,
      video_url: 'https://cdn/v.mp4',
      file: null,
      bytes: null,
      sha256: null,
      submitted_at: '2026-01-01T00:00:00.000Z',
      time_to_done_ms: 1200,
      polls: 3,
    };
    expect(videoCheck(video)).toBeNull();
    expect(videoCheck({ ...video, handle: { ...video.handle, submittedAt: 'soon' } })).toBe(
      'handle: submittedAt: expected number (optional), got "soon"',
    );
    expect(videoCheck({ ...video, state: 'done' })).toMatch(/^state: expected one of/);
  });
});

describe('the field registry', () => {
  it('has a meaning for every field and a unique name for every CSV column', () => {
    for (const name of FIELD_NAMES) expect(RESULT_FIELDS[name].meaning, name).toMatch(/^\S.*\.$/);
    const names = CSV_COLUMNS.map((column) => column.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps the earlier CSV columns in their order and adds every other field', () => {
    const names = CSV_COLUMNS.map((column) => column.name);
    expect(names.filter((name) => LEGACY_COLUMNS.includes(name))).toEqual(LEGACY_COLUMNS);
    expect(names.filter((name) => !LEGACY_COLUMNS.includes(name))).toEqual([
      'v',
      'cached',
      'cache_origin_endpoint',
      'cache_origin_simulated',
      'cache_origin_cached_at',
      'scorer',
      'groups',
      'billed_input_tokens',
      'billed_output_tokens',
      'cost_usd',
      'video_task_id',
      'video_handle',
      'video_state',
      'video_status_raw',
      'video_failure_reason',
      'video_url',
      'video_file',
      'video_bytes',
      'video_sha256',
      'video_submitted_at',
      'video_time_to_done_ms',
      'video_polls',
    ]);
    // Every field reaches the CSV.
    expect(new Set(CSV_COLUMNS.map((column) => column.field))).toEqual(new Set(FIELD_NAMES));
  });

  it('decides the CSV kind of each column from the field type', () => {
    const kinds = Object.fromEntries(CSV_COLUMNS.map((column) => [column.name, column.kind]));
    expect(kinds).toMatchObject({
      v: 'number',
      answer: 'text',
      input: 'text',
      cached: 'boolean',
      error_status: 'number',
      error_message: 'text',
      usage_raw: 'json',
      cost_usd: 'number',
      cache_origin_simulated: 'boolean',
      video_handle: 'json',
      video_bytes: 'number',
    });
  });
});
