import { describe, expect, it } from 'vitest';
import {
  buildVideoPoll,
  classifyVideoStatus,
  defaultVideoPaths,
  generationsVideoPaths,
  resolveVideoPaths,
  taskFailure,
  validateVideoPaths,
  videoTaskCodec as codec,
  type VideoHandle,
} from '../../../src/protocols/video-task/index.js';
import type { Endpoint, Failure, Outcome } from '../../../src/protocols/types.js';
import type { ParseSubmitOptions } from '../../../src/protocols/video-task/types.js';
import { outcomeValue } from '../../helpers/outcome.js';
import {
  arkTask,
  invalidKeyBody,
  pollFailed,
  pollInProgress,
  pollSucceeded,
  submitResponse,
  taskErrorBody,
  taskNotExistBody,
  taskRecordSucceeded,
} from './reference-payloads.js';

const endpoint: Endpoint = { baseUrl: 'http://127.0.0.1:9/v1', auth: 'bearer' };
const model = 'doubao-seedance-1-0-lite-i2v-250428';

/** The codec's parse functions with their outcome unwrapped, so assertions read the value or the failure. */
const videoTaskCodec = {
  parseSubmit: (options: ParseSubmitOptions) => outcomeValue(codec.parseSubmit(options)),
  parsePoll: (body: unknown) => outcomeValue(codec.parsePoll(body)),
};

/** The failure of an outcome that must have failed. */
function asFailure(outcome: Outcome<unknown>): Failure {
  expect(outcome.ok).toBe(false);
  return (outcome as { failure: Failure }).failure;
}

describe('parseSubmit', () => {
  it('reads the submit response of video-tasks.md §1.4 into a plain JSON handle', () => {
    const result = videoTaskCodec.parseSubmit({ body: submitResponse, model });
    expect(result).toEqual({
      handle: {
        taskId: 'task_8kTq2ZrXbYw3mN1p',
        model,
        submittedAt: 1766980000_000,
        pollPath: '/videos/task_8kTq2ZrXbYw3mN1p',
      },
    });
    const handle = (result as { handle: VideoHandle }).handle;
    expect(JSON.parse(JSON.stringify(handle))).toEqual(handle);
  });

  it('tolerates only one of id / task_id (§6 item 7), a data wrapper, and a configured poll path', () => {
    const { id: _id, ...onlyTaskId } = submitResponse;
    expect(videoTaskCodec.parseSubmit({ body: onlyTaskId, model })).toMatchObject({
      handle: { taskId: 'task_8kTq2ZrXbYw3mN1p' },
    });
    const { task_id: _taskId, created_at: _created, ...onlyId } = submitResponse;
    expect(videoTaskCodec.parseSubmit({ body: onlyId, model })).toEqual({
      handle: { taskId: 'task_8kTq2ZrXbYw3mN1p', model, pollPath: '/videos/task_8kTq2ZrXbYw3mN1p' },
    });
    expect(
      videoTaskCodec.parseSubmit({
        body: { code: 'success', data: { task_id: 'task_x', submit_time: 1766980000 } },
        model,
        paths: generationsVideoPaths,
      }),
    ).toEqual({
      handle: { taskId: 'task_x', model, submittedAt: 1766980000_000, pollPath: '/video/generations/task_x' },
    });
    expect(videoTaskCodec.parseSubmit({ body: { code: 'success', data: 'task_y' }, model })).toMatchObject({
      handle: { taskId: 'task_y' },
    });
  });

  it('keeps the submitted model even when the body names another', () => {
    expect(videoTaskCodec.parseSubmit({ body: { ...submitResponse, model: 'other' }, model })).toMatchObject({
      handle: { model },
    });
  });

  it('turns a 200 task-error body (§5), an error object or a body without id into a non-retryable failure', () => {
    const rejected = asFailure(codec.parseSubmit({ body: taskErrorBody, model }));
    expect(rejected).toMatchObject({ kind: 'invalid-request', code: 'invalid_request', status: null });
    expect(rejected.message).toBe('submit rejected: <reason>');
    expect(
      asFailure(codec.parseSubmit({ body: { error: { message: 'quota', code: 'insufficient_user_quota' } }, model }))
        .kind,
    ).toBe('quota');
    const missing = asFailure(codec.parseSubmit({ body: { object: 'video', status: 'queued' }, model }));
    expect(missing.kind).toBe('invalid-request');
    expect(missing.message).toMatch(/^submit response has no task id: /);
    expect(asFailure(codec.parseSubmit({ body: 'task_z', model })).kind).toBe('invalid-request');
  });
});

describe('paths and buildPoll', () => {
  const handle: VideoHandle = { taskId: 'task 1/2', model, pollPath: '/videos/task%201%2F2' };

  it('defaults to /videos and /videos/{task_id}, with the alternative of §2.2', () => {
    expect(resolveVideoPaths()).toEqual(defaultVideoPaths);
    expect(defaultVideoPaths).toEqual({ submitPath: '/videos', pollPath: '/videos/{task_id}' });
    expect(generationsVideoPaths.pollPath).toBe('/video/generations/{task_id}');
    expect(resolveVideoPaths({ pollPath: '/video/generations/{task_id}' })).toEqual({
      submitPath: '/videos',
      pollPath: '/video/generations/{task_id}',
    });
  });

  it('polls the path stored in the handle, or the configured template with the id encoded', () => {
    expect(codec.buildPoll({ handle, endpoint })).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:9/v1/videos/task%201%2F2',
      headers: { accept: 'application/json' },
      stream: false,
    });
    expect(
      buildVideoPoll({
        handle,
        endpoint: { ...endpoint, baseUrl: 'http://127.0.0.1:9/v1/' },
        paths: { pollPath: '/video/generations/{task_id}' },
      }).url,
    ).toBe('http://127.0.0.1:9/v1/video/generations/task%201%2F2');
  });

  it('validates configured paths', () => {
    expect(validateVideoPaths({ submitPath: '/videos', pollPath: '/videos/{task_id}' })).toEqual([]);
    expect(validateVideoPaths({ submitPath: 'videos', pollPath: '/videos/' })).toEqual([
      'submitPath: must start with \'/\', got "videos"',
      'pollPath: must contain {task_id}, got "/videos/"',
    ]);
  });
});

describe('parsePoll on the reference payloads', () => {
  it('§2 in progress → pending, running, progress 50', () => {
    expect(videoTaskCodec.parsePoll(pollInProgress)).toEqual({
      state: 'pending',
      status: 'in_progress',
      phase: 'running',
      progress: 50,
    });
  });

  it('§2 succeeded → metadata.url, usage not reported (all null, never 0)', () => {
    expect(videoTaskCodec.parsePoll(pollSucceeded)).toEqual({
      state: 'succeeded',
      videoUrl: pollSucceeded.metadata.url,
      usage: { input: null, output: null, reasoning: null, cached: null, cacheWrite: null, total: null, raw: null },
      status: 'completed',
      raw: pollSucceeded,
    });
  });

  it('§2 failed → the error message and code', () => {
    expect(videoTaskCodec.parsePoll(pollFailed)).toEqual({
      state: 'failed',
      reason: 'The request failed because the input image may contain sensitive information.',
      code: 'InputImageSensitiveContentDetected',
      status: 'failed',
      raw: pollFailed,
    });
  });

  it('§2.2 task record → Ark video_url and usage 108900', () => {
    const result = videoTaskCodec.parsePoll(taskRecordSucceeded);
    expect(result).toMatchObject({ state: 'succeeded', videoUrl: 'https://…/video.mp4', status: 'SUCCESS' });
    expect((result as { usage: unknown }).usage).toEqual({
      input: null,
      output: 108900,
      reasoning: null,
      cached: null,
      cacheWrite: null,
      total: 108900,
      raw: taskRecordSucceeded.data.data.usage,
    });
  });

  it('§2.3 Ark task → content.video_url and usage', () => {
    expect(videoTaskCodec.parsePoll(arkTask)).toMatchObject({
      state: 'succeeded',
      videoUrl: 'https://…/video.mp4',
      usage: { output: 108900, total: 108900 },
    });
  });

  it('reads usage on /v1/videos when newer builds send it, and keeps a missing total null', () => {
    const result = videoTaskCodec.parsePoll({ ...pollSucceeded, usage: { completion_tokens: 108000 } });
    expect(result).toMatchObject({ usage: { output: 108000, total: null, raw: { completion_tokens: 108000 } } });
  });
});

describe('status mapping (§2.1), case-insensitive', () => {
  it.each([
    ['queued', 'queued'],
    ['QUEUED', 'queued'],
    ['pending', 'queued'],
    ['submitted', 'queued'],
    ['SUBMITTED', 'queued'],
    ['NOT_START', 'queued'],
    ['in_progress', 'running'],
    ['IN_PROGRESS', 'running'],
    ['running', 'running'],
    ['processing', 'running'],
    ['Running', 'running'],
    ['succeeded', 'succeeded'],
    ['success', 'succeeded'],
    ['SUCCESS', 'succeeded'],
    ['completed', 'succeeded'],
    ['Completed', 'succeeded'],
    ['failed', 'failed'],
    ['failure', 'failed'],
    ['FAILURE', 'failed'],
    ['cancelled', 'failed'],
    ['canceled', 'failed'],
    ['expired', 'failed'],
    ['EXPIRED', 'failed'],
    ['something-new', 'running'],
  ])('%s → %s', (status, expected) => {
    expect(classifyVideoStatus(status)).toBe(expected);
  });

  it('maps each status of a /v1/videos body to a result state', () => {
    const state = (status: string): unknown =>
      (
        videoTaskCodec.parsePoll({ id: 't', status, progress: 10, metadata: { url: 'https://x/v.mp4' } }) as {
          state: string;
        }
      ).state;
    for (const status of ['queued', 'pending', 'submitted', 'in_progress', 'running', 'processing', 'unknown_status'])
      expect(state(status)).toBe('pending');
    for (const status of ['succeeded', 'success', 'completed', 'SUCCESS']) expect(state(status)).toBe('succeeded');
    for (const status of ['failed', 'failure', 'cancelled', 'expired']) expect(state(status)).toBe('failed');
  });

  it('reports the queued phase, percent-string progress, and names cancelled / expired as the code', () => {
    expect(
      videoTaskCodec.parsePoll({ code: 'success', data: { task_id: 't', status: 'QUEUED', progress: '10%' } }),
    ).toEqual({ state: 'pending', status: 'QUEUED', phase: 'queued', progress: 10 });
    expect(videoTaskCodec.parsePoll({ id: 't', status: 'expired' })).toMatchObject({
      state: 'failed',
      reason: 'video task expired',
      code: 'expired',
    });
    expect(videoTaskCodec.parsePoll({ id: 't', status: 'failed' })).toMatchObject({
      state: 'failed',
      reason: 'video task failed',
      code: null,
    });
  });

  it('trusts a terminal Ark status inside a task record over the gateway IN_PROGRESS (§2.1 danger)', () => {
    const body = {
      code: 'success',
      data: {
        task_id: 't',
        status: 'IN_PROGRESS',
        progress: '30%',
        fail_reason: '',
        data: { id: 'cgt-1', status: 'expired' },
      },
    };
    expect(videoTaskCodec.parsePoll(body)).toMatchObject({ state: 'failed', status: 'expired', code: 'expired' });
    const failure = {
      code: 'success',
      data: { task_id: 't', status: 'FAILURE', fail_reason: 'moderation', data: { status: 'failed', error: null } },
    };
    expect(videoTaskCodec.parsePoll(failure)).toMatchObject({ state: 'failed', reason: 'moderation' });
  });

  it('fails a completed task with no video URL (§6 item 5: the URL is empty until completion)', () => {
    expect(videoTaskCodec.parsePoll({ ...pollSucceeded, metadata: { url: '' } })).toMatchObject({
      state: 'failed',
      code: 'no_video_url',
    });
  });

  it('turns unreadable bodies into transient failures and 200 error envelopes into invalid-request', () => {
    expect(asFailure(codec.parsePoll('nope')).kind).toBe('transient');
    expect(asFailure(codec.parsePoll({ id: 't' })).kind).toBe('transient');
    expect(asFailure(codec.parsePoll(taskNotExistBody))).toMatchObject({
      kind: 'invalid-request',
      code: 'task_not_exist',
    });
  });

  it('makes a failed task a non-retryable failure record', () => {
    const failed = videoTaskCodec.parsePoll(pollFailed);
    expect(taskFailure(failed as never)).toEqual({
      kind: 'invalid-request',
      message: 'video task failed: The request failed because the input image may contain sensitive information.',
      status: null,
      code: 'InputImageSensitiveContentDetected',
      retryAfterMs: null,
    });
  });
});

describe('classifyError (§5, models-and-errors.md §3)', () => {
  const classify = (status: number, body: unknown, headers: Record<string, string> = {}): Failure =>
    codec.classifyError({ status, headers, bodyText: typeof body === 'string' ? body : JSON.stringify(body) });

  it('reads the task envelope', () => {
    expect(classify(400, taskErrorBody)).toMatchObject({
      kind: 'invalid-request',
      code: 'invalid_request',
      status: 400,
      message: 'HTTP 400: <reason>',
    });
    expect(classify(400, taskNotExistBody)).toMatchObject({ kind: 'invalid-request', code: 'task_not_exist' });
    expect(classify(403, { code: 'insufficient_user_quota', message: '用户额度不足', data: null }).kind).toBe('quota');
    expect(classify(500, { code: 'do_request_failed', message: 'task_id is empty', data: null }).kind).toBe(
      'transient',
    );
  });

  it('reads the OpenAI envelope, rate limits with Retry-After, and HTML proxy pages', () => {
    expect(classify(401, invalidKeyBody)).toMatchObject({ kind: 'auth', status: 401 });
    expect(
      classify(429, { code: 'rate_limit_exceeded', message: 'slow down', data: null }, { 'retry-after': '3' }),
    ).toMatchObject({ kind: 'rate-limit', retryAfterMs: 3000 });
    expect(classify(502, '<html><body>502 Bad Gateway</body></html>')).toMatchObject({ kind: 'transient', code: null });
  });
});
