import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoTaskCodec } from '../../src/protocols/video-task/index.js';
import { downloadVideo, VideoDownloadError } from '../../src/run/video/download.js';
import { startSimulator } from '../../src/simulator/server.js';
import { outcomeValue } from '../helpers/outcome.js';

const chunkBytes = 64 * 1024;
const largeBytes = 96 * 1024 * 1024;
const warmUpBytes = 32 * 1024 * 1024;

/** One chunk, sent again and again: the server side allocates nothing per chunk, so memory growth is the client's. */
const block = Buffer.from(Array.from({ length: chunkBytes }, (_value, index) => (index * 31 + 7) % 256));
const chunkCount = largeBytes / chunkBytes;

const largeSha256 = (() => {
  const hash = createHash('sha256');
  for (let index = 0; index < chunkCount; index += 1) hash.update(block);
  return hash.digest('hex');
})();

let server: Server;
let base: string;
let work: string;
let onHeld: (() => void) | null = null;

function handle(request: IncomingMessage, response: ServerResponse): void {
  const route = request.url ?? '/';
  if (route === '/large' || route === '/large-chunked' || route === '/warm-up') {
    let index = 0;
    const count = route === '/warm-up' ? warmUpBytes / chunkBytes : chunkCount;
    const headers: Record<string, string | number> = { 'content-type': 'video/mp4' };
    if (route !== '/large-chunked') headers['content-length'] = count * chunkBytes;
    response.writeHead(200, headers);
    // Generated on demand with backpressure, so the server side holds no more than a few chunks either.
    new Readable({
      read() {
        this.push(index++ < count ? block : null);
      },
    }).pipe(response);
  } else if (route === '/short') {
    response.writeHead(200, { 'content-length': 1000 });
    response.write(Buffer.alloc(500, 1), () => response.destroy());
  } else if (route === '/hold') {
    response.writeHead(200, { 'content-length': 10 * chunkBytes });
    response.write(block, () => onHeld?.());
  } else {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"Code":"NoSuchKey","Message":"The specified key does not exist."}');
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  work = await mkdtemp(path.join(tmpdir(), 'video-download-'));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(work, { recursive: true, force: true });
});

async function leftovers(): Promise<string[]> {
  return (await readdir(work)).filter((name) => name.endsWith('.part'));
}

describe('downloadVideo', () => {
  it('downloads the simulator file of a finished task with the checksum the simulator recorded', async () => {
    const simulator = await startSimulator({ latencyScale: 0, video: { fileBytes: 20_000 } });
    try {
      const endpoint = { baseUrl: simulator.baseUrl, auth: 'bearer' as const };
      const headers = { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' };
      const submit = videoTaskCodec.buildSubmit({
        input: { prompt: 'A boat.', images: [] },
        model: 'doubao-seedance-1-0-lite-t2v-250428',
        params: { duration: 5 },
        endpoint,
      });
      const submitted = await fetch(submit.url, { method: 'POST', headers, body: JSON.stringify(submit.body) });
      const { handle } = outcomeValue(
        videoTaskCodec.parseSubmit({ body: await submitted.json(), model: 'doubao-seedance-1-0-lite-t2v-250428' }),
      ) as { handle: never };
      const poll = videoTaskCodec.buildPoll({ handle, endpoint });
      const result = outcomeValue(videoTaskCodec.parsePoll(await (await fetch(poll.url, { headers })).json())) as {
        state: string;
        videoUrl: string;
      };
      expect(result.state).toBe('succeeded');
      const file = path.join(work, 'sim.mp4');
      const downloaded = await downloadVideo({ url: result.videoUrl, file, signal: AbortSignal.timeout(10_000) });
      const recorded = simulator.videoStats().tasks[0].file;
      expect(downloaded).toEqual({ bytes: 20_000, sha256: recorded?.sha256, file });
      expect(recorded?.size).toBe(20_000);
      expect(
        createHash('sha256')
          .update(await readFile(file))
          .digest('hex'),
      ).toBe(recorded?.sha256);
    } finally {
      await simulator.close();
    }
  });

  it('streams a 96 MiB body to disk without holding it in memory', async () => {
    const file = path.join(work, 'large.mp4');
    // A first download grows the allocator to its steady state (garbage chunks wait for GC); the measured one must not grow it by the file size.
    await downloadVideo({ url: `${base}/warm-up`, file, signal: AbortSignal.timeout(60_000) });
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const downloaded = await downloadVideo({ url: `${base}/large`, file, signal: AbortSignal.timeout(60_000) });
      expect(downloaded).toEqual({ bytes: largeBytes, sha256: largeSha256, file });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect((await stat(file)).size).toBe(largeBytes);
    // Buffering the body would add at least its 96 MiB; streaming stays far below half of it.
    expect(peak - baseline).toBeLessThan(largeBytes / 2);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a body over maxBytes, by content-length or while streaming, and leaves nothing behind', async () => {
    const file = path.join(work, 'limited.mp4');
    const declared = await downloadVideo({
      url: `${base}/large`,
      file,
      signal: AbortSignal.timeout(10_000),
      maxBytes: 1024,
    }).catch((error: unknown) => error);
    expect(declared).toBeInstanceOf(VideoDownloadError);
    expect(declared).toMatchObject({ reason: 'too-large', status: 200 });
    const streamed = await downloadVideo({
      url: `${base}/large-chunked`,
      file,
      signal: AbortSignal.timeout(10_000),
      maxBytes: 3 * chunkBytes,
    }).catch((error: unknown) => error);
    expect(streamed).toMatchObject({ reason: 'too-large' });
    expect(existsSync(file)).toBe(false);
    expect(await leftovers()).toEqual([]);
  });

  it('rejects a non-2xx answer with its status and body excerpt', async () => {
    const error = await downloadVideo({
      url: `${base}/missing`,
      file: path.join(work, 'missing.mp4'),
      signal: AbortSignal.timeout(10_000),
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'status', status: 404 });
    expect((error as Error).message).toBe(
      'video download answered HTTP 404: {"Code":"NoSuchKey","Message":"The specified key does not exist."}',
    );
  });

  it('removes the partial file when the body is cut short or the download is aborted', async () => {
    const file = path.join(work, 'cut.mp4');
    const cut = await downloadVideo({ url: `${base}/short`, file, signal: AbortSignal.timeout(10_000) }).catch(
      (error: unknown) => error,
    );
    expect(cut).toMatchObject({ reason: 'transfer', status: 200 });
    const controller = new AbortController();
    onHeld = () => setImmediate(() => controller.abort());
    const aborted = await downloadVideo({ url: `${base}/hold`, file, signal: controller.signal }).catch(
      (error: unknown) => error,
    );
    onHeld = null;
    expect(aborted).toMatchObject({ reason: 'transfer' });
    expect(existsSync(file)).toBe(false);
    expect(await leftovers()).toEqual([]);
  });
});
