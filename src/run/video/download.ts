import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { request } from '../http-client.js';

/** Why a download failed: a non-2xx answer (an expired link is a 403), a size limit, or the transfer itself. */
export type VideoDownloadFailure = 'status' | 'too-large' | 'transfer';

/** A failed download. The partial file has already been removed. */
export class VideoDownloadError extends Error {
  readonly reason: VideoDownloadFailure;
  /** The HTTP status, when one arrived. */
  readonly status: number | null;
  constructor(options: { reason: VideoDownloadFailure; status: number | null; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VideoDownloadError';
    this.reason = options.reason;
    this.status = options.status;
  }
}

/** Options of `downloadVideo`. */
export interface DownloadVideoOptions {
  /** The video URL (signed links are used as given). */
  url: string;
  /** Destination path; its folder is created when missing. */
  file: string;
  /** Connection pool to use; undici's global one when absent. */
  agent?: Dispatcher;
  signal: AbortSignal;
  /** Largest accepted body in bytes; larger ones fail as `too-large` without being kept. */
  maxBytes?: number;
}

/** A downloaded file. */
export interface DownloadedVideo {
  /** Bytes written. */
  bytes: number;
  /** Hex sha256 of the bytes. */
  sha256: string;
  file: string;
}

/** Hashes and counts the bytes passing through, failing once they exceed `maxBytes`. */
class HashingCounter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(
        new VideoDownloadError({
          reason: 'too-large',
          status: 200,
          message: `video is larger than ${this.maxBytes} bytes`,
        }),
      );
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/**
 * Streams a video to disk: the body goes through a sha256 transform straight into
 * `file.part` (never held in memory whole), which is renamed to `file` once complete.
 * A non-2xx status, a body over `maxBytes` (checked against `content-length` first),
 * a body shorter than its `content-length`, an abort or any I/O error removes the
 * partial file and rejects with a `VideoDownloadError`.
 */
export async function downloadVideo(options: DownloadVideoOptions): Promise<DownloadedVideo> {
  const { url, file, signal } = options;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const partial = `${file}.part`;
  let status: number | null = null;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const response = await request(url, { method: 'GET', dispatcher: options.agent, signal });
    status = response.statusCode;
    if (status < 200 || status > 299) {
      const excerpt = (await response.body.text()).replace(/\s+/g, ' ').slice(0, 200);
      throw new VideoDownloadError({
        reason: 'status',
        status,
        message: `video download answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`,
      });
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body.dump();
      throw new VideoDownloadError({
        reason: 'too-large',
        status,
        message: `video is ${declared} bytes, over the ${maxBytes} byte limit`,
      });
    }
    const counter = new HashingCounter(maxBytes);
    await pipeline(response.body, counter, createWriteStream(partial), { signal });
    if (Number.isFinite(declared) && counter.bytes !== declared) {
      throw new VideoDownloadError({
        reason: 'transfer',
        status,
        message: `video body ended after ${counter.bytes} of ${declared} bytes`,
      });
    }
    await rename(partial, file);
    return { bytes: counter.bytes, sha256: counter.hash.digest('hex'), file };
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof VideoDownloadError) throw error;
    throw new VideoDownloadError({
      reason: 'transfer',
      status,
      message: `video download failed: ${(error as Error).message}`,
      cause: error,
    });
  }
}
