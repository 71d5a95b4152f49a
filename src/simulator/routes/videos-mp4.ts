import { createHash } from 'node:crypto';
import { hash32 } from '../random.js';

/** A generated video file and its fingerprint. */
export interface VideoFile {
  bytes: Buffer;
  sha256: string;
}

/** Default size of a generated file, in bytes. */
export const defaultVideoFileBytes = 4096;

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/** `ftyp`: ISO base media, compatible with the usual MP4 brands. */
function fileTypeBox(): Buffer {
  return box('ftyp', Buffer.from('isom\u0000\u0000\u0002\u0000isomiso2avc1mp41', 'latin1'));
}

/** `moov` holding one version-0 `mvhd` (timescale 1000, the clip's duration, identity matrix). */
function movieBox(durationSeconds: number): Buffer {
  const header = Buffer.alloc(100);
  header.writeUInt32BE(1000, 12);
  header.writeUInt32BE(Math.round(durationSeconds * 1000), 16);
  header.writeUInt32BE(0x00010000, 20);
  header.writeUInt16BE(0x0100, 24);
  const matrix = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];
  matrix.forEach((value, index) => {
    header.writeUInt32BE(value, 36 + index * 4);
  });
  header.writeUInt32BE(2, 96);
  return box('moov', box('mvhd', header));
}

/** Deterministic filler bytes (xorshift32) from a seed. */
function filler(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0 || 0x9e3779b9;
  for (let index = 0; index < length; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

/**
 * A small valid ISO-BMFF file for one task: `ftyp`, `moov`/`mvhd`, a `free` box naming
 * the task, and an `mdat` of deterministic filler up to `size` bytes. Equal inputs give
 * equal bytes, so tests can compare checksums.
 */
export function makeVideoFile(options: {
  taskId: string;
  seed: number;
  durationSeconds: number;
  size?: number;
}): VideoFile {
  const head = Buffer.concat([
    fileTypeBox(),
    movieBox(options.durationSeconds),
    box('free', Buffer.from(`mixrouter simulator video ${options.taskId}`, 'utf8')),
  ]);
  const size = Math.max(options.size ?? defaultVideoFileBytes, head.length + 8);
  const bytes = Buffer.concat([
    head,
    box('mdat', filler(size - head.length - 8, hash32(options.taskId, options.seed))),
  ]);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
