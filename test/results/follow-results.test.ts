import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultsFollower } from '../../src/results/follow-results.js';
import type { ResultRecord } from '../../src/results/result-record.js';
import { record } from './helpers.js';

let folder: string;
let path: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'follow-'));
  path = join(folder, 'results.jsonl');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A complete result line, with a field the registry does not know (kept as it is). */
const line = (key: string, status: ResultRecord['status'], answer = 'a'): string =>
  `${JSON.stringify({ ...record(key, { status, answer }), note: '数学' })}\n`;
const keysOf = (follower: ResultsFollower): string[] =>
  follower.records().map((record) => `${record.key}:${record.status}:${record.answer}`);

describe('ResultsFollower', () => {
  it('waits for a file to appear, then reads only complete lines, even split inside a character', () => {
    const follower = new ResultsFollower(path, 100);
    follower.poll();
    expect(follower.records()).toEqual([]);
    const first = line('k1', 'ok');
    const second = Buffer.from(line('k2', 'ok'));
    writeFileSync(path, first);
    // Cut the second line in the middle of a multi-byte character.
    const cut = second.indexOf(Buffer.from('数')) + 1;
    appendFileSync(path, second.subarray(0, cut));
    follower.poll();
    expect(keysOf(follower)).toEqual(['k1:ok:a']);
    appendFileSync(path, second.subarray(cut));
    follower.poll();
    expect(keysOf(follower)).toEqual(['k1:ok:a', 'k2:ok:a']);
    expect(follower.records()[1]).toMatchObject({ note: '数学' });
    follower.close();
  });

  it('keeps the final line of each key in the order of last lines, without pending ones', () => {
    const follower = new ResultsFollower(path, 100);
    writeFileSync(
      path,
      [
        line('k1', 'error'),
        line('k2', 'pending'),
        line('k3', 'ok'),
        line('k1', 'ok', 'second'),
        line('k4', 'pending'),
      ].join(''),
    );
    follower.poll();
    expect(keysOf(follower)).toEqual(['k3:ok:a', 'k1:ok:second']);
    appendFileSync(path, line('k2', 'ok', 'done'));
    follower.poll();
    expect(keysOf(follower)).toEqual(['k3:ok:a', 'k1:ok:second', 'k2:ok:done']);
    follower.close();
  });

  it('starts over when the file was cut shorter (a torn tail repaired), and gives up past maxKeys', () => {
    const follower = new ResultsFollower(path, 3);
    writeFileSync(path, line('k1', 'ok') + line('k2', 'ok'));
    follower.poll();
    truncateSync(path, Buffer.byteLength(line('k1', 'ok')));
    follower.poll();
    appendFileSync(path, line('k3', 'ok'));
    follower.poll();
    expect(keysOf(follower)).toEqual(['k1:ok:a', 'k3:ok:a']);
    appendFileSync(path, line('k4', 'ok') + line('k5', 'ok'));
    follower.poll();
    expect(follower.overflowed).toBe(true);
    expect(follower.records()).toEqual([]);
  });
});
