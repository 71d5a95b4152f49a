import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generationsVideoPaths, type VideoInput } from '../../src/protocols/video-task/index.js';
import { downloadVideo } from '../../src/run/video/download.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { call } from './sim-http.js';
import { handleOf, pollUntilDone, pollVideo, submitVideo, topLevelBoxes } from './videos-client.js';

const input: VideoInput = { prompt: 'A kitten yawning in the sun.', images: [] };
let simulator: SimulatorHandle;
let work: string;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0, video: { queuedPolls: 1, runningPolls: 2 } });
  work = await mkdtemp(path.join(tmpdir(), 'video-sim-'));
});
afterAll(async () => {
  await simulator.close();
  await rm(work, { recursive: true, force: true });
});

describe('video task lifecycle', () => {
  it('goes submit → queued → in_progress → completed with a URL, and the download matches the simulator checksum', async () => {
    const submitted = await submitVideo(simulator, {
      input,
      params: { duration: 5, resolution: '720p', ratio: '16:9' },
    });
    expect(submitted.status).toBe(200);
    expect(JSON.parse(submitted.text)).toMatchObject({ object: 'video', status: 'queued', progress: 0 });
    const handle = handleOf(submitted);
    expect(handle.taskId).toMatch(/^task_[A-Za-z0-9]{16}$/);
    expect(handle.pollPath).toBe(`/videos/${handle.taskId}`);

    const readings = await pollUntilDone(simulator, { handle });
    expect(readings.map((reading) => ('state' in reading ? `${reading.state}:${reading.status}` : 'failure'))).toEqual([
      'pending:queued',
      'pending:in_progress',
      'pending:in_progress',
      'succeeded:completed',
    ]);
    expect(readings.slice(0, 3).map((reading) => (reading as { progress: number }).progress)).toEqual([10, 50, 50]);
    const done = readings[3] as { state: 'succeeded'; videoUrl: string; usage: { output: number | null } };
    expect(done.videoUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${simulator.port}/__sim/files/${handle.taskId}\\.mp4\\?X-Tos-Algorithm=`),
    );
    expect(done.usage.output).toBeNull();

    const file = path.join(work, 'nested', `${handle.taskId}.mp4`);
    const downloaded = await downloadVideo({ url: done.videoUrl, file, signal: AbortSignal.timeout(10_000) });
    const task = simulator.videoStats().tasks.find((entry) => entry.taskId === handle.taskId);
    expect(task?.file).not.toBeNull();
    expect(downloaded).toEqual({ bytes: task?.file?.size, sha256: task?.file?.sha256, file });
    expect(task).toMatchObject({ phase: 'succeeded', polls: 4, downloads: 1, outcome: 'ok' });

    const boxes = topLevelBoxes(await readFile(file));
    expect(boxes.map((box) => box.type)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
    expect(boxes[0].payload.toString('latin1', 0, 4)).toBe('isom');
    expect(topLevelBoxes(boxes[1].payload).map((box) => box.type)).toEqual(['mvhd']);
    expect(topLevelBoxes(boxes[1].payload)[0].payload.readUInt32BE(16)).toBe(5000);
  });

  it('serves the task record on /v1/video/generations/{id} with Ark usage, billed once in the ledger', async () => {
    const handle = handleOf(
      await submitVideo(simulator, {
        input: { prompt: 'A red kite over hills.', images: [] },
        paths: generationsVideoPaths,
      }),
    );
    expect(handle.pollPath).toBe(`/video/generations/${handle.taskId}`);
    const outputBefore = simulator.ledger.summary().usage.output;
    const readings = await pollUntilDone(simulator, { handle });
    expect(readings[0]).toMatchObject({ state: 'pending', status: 'QUEUED', phase: 'queued', progress: 10 });
    const done = readings[readings.length - 1];
    // 720p 16:9 is 1280 × 720; 24 fps × 5 s / 1024 (video-tasks.md §3).
    expect(done).toMatchObject({
      state: 'succeeded',
      status: 'SUCCESS',
      usage: { input: null, output: 108000, total: 108000, raw: { completion_tokens: 108000, total_tokens: 108000 } },
    });
    const again = await pollVideo(simulator, { handle });
    expect(again.result).toMatchObject({ state: 'succeeded' });
    expect(simulator.ledger.summary().usage.output - outputBefore).toBe(108000);
  });

  it('keeps usage off /v1/videos by default (the Doubao converter does not fill it)', async () => {
    const handle = handleOf(await submitVideo(simulator, { input: { prompt: 'Waves at night.', images: [] } }));
    const readings = await pollUntilDone(simulator, { handle });
    const body = JSON.parse(
      (await call(simulator, { path: `/v1/videos/${handle.taskId}`, method: 'GET' })).text,
    ) as Record<string, unknown>;
    expect(body.usage).toBeUndefined();
    expect(body).toMatchObject({ id: handle.taskId, task_id: handle.taskId, status: 'completed', progress: 100 });
    expect(readings[readings.length - 1]).toMatchObject({ state: 'succeeded', usage: { output: null, total: null } });
  });

  it('accepts the mixrouter example body of video-tasks.md §1.1, ignoring its unknown metadata keys', async () => {
    // video-tasks.md §1.1 (frames and the non-Ark keys are sent as the page shows them).
    const body = {
      model: 'doubao-seedance-1-0-lite-i2v-250428',
      prompt: '让图中的人物,很自然地走动起来',
      images: [
        'https://ark-project.tos-cn-beijing.volces.com/doc_image/seepro_first_frame.jpeg',
        'https://ark-project.tos-cn-beijing.volces.com/doc_image/seepro_last_frame.jpeg',
      ],
      duration: 10,
      metadata: {
        image_role: 'reference_image',
        resolution: '720p',
        ratio: '16:9',
        frames: 241,
        seed: -1,
        camerafixed: false,
        watermark: false,
      },
    };
    const reply = await call(simulator, { path: '/v1/videos', body });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({ status: 'queued', model: body.model });
  });
});

describe('deterministic tasks', () => {
  it('gives the same ids and file bytes for the same seed and submission order', async () => {
    const [first, second] = await Promise.all([
      startSimulator({ latencyScale: 0, seed: 7 }),
      startSimulator({ latencyScale: 0, seed: 7 }),
    ]);
    try {
      const fingerprints = [];
      for (const instance of [first, second]) {
        const handle = handleOf(await submitVideo(instance, { input }));
        await pollUntilDone(instance, { handle });
        fingerprints.push({ taskId: handle.taskId, file: instance.videoStats().tasks[0].file });
      }
      expect(fingerprints[0]).toEqual(fingerprints[1]);
      expect(fingerprints[0].file?.size).toBe(4096);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('stays queued while the (scaled) queue time has not passed, however often it is polled', async () => {
    const slow = await startSimulator({ latencyScale: 1, video: { queuedMs: 600_000 } });
    try {
      const handle = handleOf(await submitVideo(slow, { input }));
      const readings = await Promise.all([1, 2, 3].map(() => pollVideo(slow, { handle })));
      expect(readings.map((reading) => (reading.result as { status: string }).status)).toEqual([
        'queued',
        'queued',
        'queued',
      ]);
    } finally {
      await slow.close();
    }
  });
});
