import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generationsVideoPaths, type VideoInput } from '../../src/protocols/video-task/index.js';
import { downloadVideo, VideoDownloadError } from '../../src/run/video/download.js';
import { videoPromptHash } from '../../src/simulator/routes/videos.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { call } from './sim-http.js';
import { handleOf, pollUntilDone, pollVideo, submitVideo } from './videos-client.js';

const model = 'doubao-seedance-1-0-lite-i2v-250428';
const withImage: VideoInput = {
  prompt: 'Make the person walk.',
  images: [{ url: 'https://example.com/first.jpeg', role: 'first_frame' }],
};

describe('failed and stuck tasks', () => {
  let simulator: SimulatorHandle;
  beforeAll(async () => {
    simulator = await startSimulator({ latencyScale: 0, video: { outcomes: ['fail', 'fail', 'stuck', 'stuck'] } });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('fails with the moderation error of video-tasks.md §2 (input side when images were given)', async () => {
    const handle = handleOf(await submitVideo(simulator, { input: withImage }));
    const readings = await pollUntilDone(simulator, { handle });
    expect(readings[readings.length - 1]).toMatchObject({
      state: 'failed',
      status: 'failed',
      code: 'InputImageSensitiveContentDetected',
      reason: 'The request failed because the input image may contain sensitive information.',
    });
    const text = handleOf(
      await submitVideo(simulator, { input: { prompt: 'text only', images: [] }, paths: generationsVideoPaths }),
    );
    const record = await pollUntilDone(simulator, { handle: text });
    expect(record[record.length - 1]).toMatchObject({
      state: 'failed',
      status: 'FAILURE',
      code: 'OutputVideoSensitiveContentDetected',
    });
  });

  it('keeps a stuck task in_progress on /v1/videos, while the task record shows Ark expired it', async () => {
    const handle = handleOf(await submitVideo(simulator, { input: { prompt: 'never ends', images: [] } }));
    const readings = await pollUntilDone(simulator, { handle, limit: 8 });
    expect(readings).toHaveLength(8);
    for (const reading of readings)
      expect(reading).toMatchObject({ state: 'pending', status: 'in_progress', progress: 30 });
    const other = handleOf(await submitVideo(simulator, { input: { prompt: 'never ends either', images: [] } }));
    const viaRecord = await pollVideo(simulator, { handle: other, paths: generationsVideoPaths });
    expect(JSON.parse(viaRecord.text)).toMatchObject({
      data: { status: 'IN_PROGRESS', progress: '30%', data: { status: 'expired' } },
    });
    expect(viaRecord.result).toMatchObject({ state: 'failed', code: 'expired' });
    expect(simulator.videoStats().tasks.map((task) => task.outcome)).toEqual(['fail', 'fail', 'stuck', 'stuck']);
  });

  it('draws outcomes from rates, deterministically per task', async () => {
    const runs = [];
    for (let run = 0; run < 2; run += 1) {
      const instance = await startSimulator({ latencyScale: 0, seed: 5, video: { failRate: 0.3, stuckRate: 0.3 } });
      for (let index = 0; index < 40; index += 1)
        await submitVideo(instance, { input: { prompt: `p${index}`, images: [] } });
      runs.push(instance.videoStats().tasks.map((task) => task.outcome));
      await instance.close();
    }
    expect(runs[0]).toEqual(runs[1]);
    for (const outcome of ['ok', 'fail', 'stuck']) expect(runs[0]).toContain(outcome);
  });
});

describe('poll and submit faults', () => {
  let simulator: SimulatorHandle;
  beforeAll(async () => {
    simulator = await startSimulator({
      latencyScale: 0,
      video: { pollFaults: ['serverError', 'html502', 'connectionReset'] },
    });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('answers scripted polls with 500 (task envelope), 502 HTML and a reset, without advancing the task', async () => {
    const handle = handleOf(await submitVideo(simulator, { input: { prompt: 'flaky poll', images: [] } }));
    const first = await pollVideo(simulator, { handle });
    expect(first.status).toBe(500);
    expect(JSON.parse(first.text)).toMatchObject({ code: 'do_request_failed', data: null });
    expect(first.result).toMatchObject({ kind: 'transient', code: 'do_request_failed', status: 500 });
    const second = await pollVideo(simulator, { handle });
    expect(second.status).toBe(502);
    expect(second.result).toMatchObject({ kind: 'transient', status: 502 });
    const third = await pollVideo(simulator, { handle });
    expect(third.status).toBe(0);
    const fourth = await pollVideo(simulator, { handle });
    expect(fourth.result).toMatchObject({ state: 'succeeded' });
    expect(simulator.videoStats()).toMatchObject({ polls: 4, faultedPolls: 3 });
    const entries = simulator.ledger.entries.filter((entry) => entry.path === `/v1/videos/${handle.taskId}`);
    expect(entries.map((entry) => [entry.status, entry.fault])).toEqual([
      [500, 'serverError'],
      [502, 'html502'],
      [0, 'connectionReset'],
      [200, null],
    ]);
  });

  it('fails every poll at pollErrorRate 1', async () => {
    const always = await startSimulator({ latencyScale: 0, video: { pollErrorRate: 1 } });
    try {
      const handle = handleOf(await submitVideo(always, { input: { prompt: 'x', images: [] } }));
      const statuses = [];
      for (let index = 0; index < 3; index += 1) statuses.push((await pollVideo(always, { handle })).status);
      expect(statuses).toEqual([500, 500, 500]);
    } finally {
      await always.close();
    }
  });

  it('sends submit faults through the normal fault plan, creating no task', async () => {
    simulator.setFaults({ script: ['rateLimitRetryAfter', 'serverError'], retryAfterSeconds: 3 });
    const before = simulator.videoStats().submissions;
    const limited = await submitVideo(simulator, { input: { prompt: 'busy', images: [] } });
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text)).toMatchObject({ code: 'rate_limit_exceeded', data: null });
    expect(limited.result).toMatchObject({ kind: 'rate-limit', retryAfterMs: 3000 });
    expect((await submitVideo(simulator, { input: { prompt: 'busy', images: [] } })).status).toBe(500);
    expect(simulator.videoStats().submissions).toBe(before);
    expect((await submitVideo(simulator, { input: { prompt: 'busy', images: [] } })).status).toBe(200);
    simulator.setFaults({});
  });

  it('answers unavailable models with 503 model_not_found', async () => {
    const unavailable = await startSimulator({ latencyScale: 0, unavailableModels: [model] });
    try {
      const reply = await submitVideo(unavailable, { input: { prompt: 'x', images: [] } });
      expect(reply.status).toBe(503);
      expect(JSON.parse(reply.text)).toMatchObject({ code: 'model_not_found', data: null });
      expect(reply.result).toMatchObject({ kind: 'transient', code: 'model_not_found' });
    } finally {
      await unavailable.close();
    }
  });
});

describe('validation, auth and links', () => {
  let simulator: SimulatorHandle;
  let work: string;
  beforeAll(async () => {
    simulator = await startSimulator({ latencyScale: 0 });
    work = await mkdtemp(path.join(tmpdir(), 'video-links-'));
  });
  afterAll(async () => {
    await simulator.close();
    await rm(work, { recursive: true, force: true });
  });

  it('answers bad bodies in the task envelope with the request id', async () => {
    const missing = await call(simulator, { path: '/v1/videos', body: { model } });
    expect(missing.status).toBe(400);
    const requestId = missing.headers['x-oneapi-request-id'] as string;
    expect(JSON.parse(missing.text)).toEqual({
      code: 'invalid_request',
      message: `prompt is required (request id: ${requestId})`,
      data: null,
    });
    const tooLong = await call(simulator, { path: '/v1/videos', body: { model, prompt: 'p', duration: 30 } });
    expect(JSON.parse(tooLong.text)).toMatchObject({ code: 'InvalidParameter' });
    const badRatio = await call(simulator, {
      path: '/v1/videos',
      body: { model, prompt: 'p', metadata: { ratio: '2:1' } },
    });
    expect(badRatio.status).toBe(400);
  });

  it('answers an unknown task with exactly the task_not_exist body on both poll paths', async () => {
    for (const pathName of ['/v1/videos/task_nope', '/v1/video/generations/task_nope', '/v1/videos/task_%E0']) {
      const reply = await call(simulator, { path: pathName, method: 'GET' });
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.text)).toEqual({ code: 'task_not_exist', message: 'task_not_exist', data: null });
    }
  });

  it('requires the key on submit and poll (OpenAI envelope, as raised before the relay) but not on the file link', async () => {
    const noKey = await submitVideo(simulator, { input: { prompt: 'x', images: [] }, key: null });
    expect(noKey.status).toBe(401);
    expect(JSON.parse(noKey.text)).toMatchObject({ error: { type: 'new_api_error' } });
    expect(noKey.result).toMatchObject({ kind: 'auth' });
    const handle = handleOf(await submitVideo(simulator, { input: { prompt: 'x', images: [] } }));
    expect((await pollVideo(simulator, { handle, key: 'wrong' })).result).toMatchObject({ kind: 'auth', status: 401 });
    const done = (await pollUntilDone(simulator, { handle })).at(-1) as { videoUrl: string };
    const file = path.join(work, 'ok.mp4');
    expect((await downloadVideo({ url: done.videoUrl, file, signal: AbortSignal.timeout(10_000) })).bytes).toBe(4096);
  });

  it('refuses a tampered signature and an expired link with 403, leaving no partial file', async () => {
    const handle = handleOf(await submitVideo(simulator, { input: { prompt: 'y', images: [] } }));
    const done = (await pollUntilDone(simulator, { handle })).at(-1) as { videoUrl: string };
    const tampered = done.videoUrl.replace(/X-Tos-Signature=\w/, 'X-Tos-Signature=Z');
    const file = path.join(work, 'tampered.mp4');
    const error = await downloadVideo({ url: tampered, file, signal: AbortSignal.timeout(10_000) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(VideoDownloadError);
    expect(error).toMatchObject({ reason: 'status', status: 403 });
    expect((error as Error).message).toMatch(/SignatureDoesNotMatch/);

    const expiring = await startSimulator({ latencyScale: 0, video: { urlTtlMs: 0 } });
    try {
      const expired = handleOf(await submitVideo(expiring, { input: { prompt: 'z', images: [] } }));
      const link = (await pollUntilDone(expiring, { handle: expired })).at(-1) as { videoUrl: string };
      const late = await downloadVideo({ url: link.videoUrl, file, signal: AbortSignal.timeout(10_000) }).catch(
        (caught: unknown) => caught,
      );
      expect(late).toMatchObject({ reason: 'status', status: 403 });
      expect((late as Error).message).toMatch(/Request has expired/);
    } finally {
      await expiring.close();
    }
    expect(existsSync(file)).toBe(false);
    expect((await readdir(work)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });
});

describe('counters', () => {
  let simulator: SimulatorHandle;
  beforeAll(async () => {
    simulator = await startSimulator({ latencyScale: 0, video: { queuedPolls: 2 } });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('counts submissions per (model, prompt hash) and polls per task, on the handle and /__sim/ledger/summary', async () => {
    const first = handleOf(await submitVideo(simulator, { input: withImage }));
    await pollVideo(simulator, { handle: first });
    await pollVideo(simulator, { handle: first });
    const hash = videoPromptHash({ prompt: withImage.prompt, imageUrls: ['https://example.com/first.jpeg'] });
    let stats = simulator.videoStats();
    expect(stats).toMatchObject({
      submissions: 1,
      polls: 2,
      resubmittedPrompts: 0,
      submissionsByPrompt: [{ model, promptHash: hash, count: 1 }],
    });
    expect(simulator.ledger.count({ model, promptHash: hash })).toBe(1);

    const second = handleOf(await submitVideo(simulator, { input: withImage }));
    await pollVideo(simulator, { handle: second });
    stats = simulator.videoStats();
    expect(stats).toMatchObject({
      submissions: 2,
      polls: 3,
      resubmittedPrompts: 1,
      submissionsByPrompt: [{ model, promptHash: hash, count: 2 }],
    });
    expect(stats.tasks.map((task) => [task.taskId, task.polls])).toEqual([
      [first.taskId, 2],
      [second.taskId, 1],
    ]);

    const summary = JSON.parse(
      (await call(simulator, { path: '/__sim/ledger/summary', method: 'GET', auth: false })).text,
    ) as { total: number; video: unknown };
    expect(summary.video).toEqual(stats);
    expect(summary.total).toBe(5);

    simulator.reset();
    expect(simulator.videoStats()).toMatchObject({ submissions: 0, polls: 0, tasks: [] });
    expect((await pollVideo(simulator, { handle: first })).result).toMatchObject({
      kind: 'invalid-request',
      code: 'task_not_exist',
    });
  });
});
