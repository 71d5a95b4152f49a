import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { UserError } from '../../src/errors.js';
import { acquireRunLock, LEASE_EXPIRES_MS, LOCK_FILE } from '../../src/run/run-lock.js';

const work = mkdtempSync(join(tmpdir(), 'run-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

let folders = 0;
/** A run folder whose lock was left by `owner`, last renewed `ageMs` ago. */
function lockedFolder(owner: { pid: number; host: string }, ageMs: number): string {
  folders += 1;
  const folder = join(work, `run-${folders}`);
  const path = join(folder, LOCK_FILE);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...owner, started_at: '2026-12-04T10:00:00.000Z' })}\n`);
  const renewed = new Date(Date.now() - ageMs);
  utimesSync(path, renewed, renewed);
  return folder;
}

async function refusal(folder: string, options: Parameters<typeof acquireRunLock>[1] = {}): Promise<UserError> {
  try {
    (await acquireRunLock(folder, options)).release();
  } catch (error) {
    return error as UserError;
  }
  throw new Error('the lock was taken');
}

describe('the run folder lock', () => {
  it("watches another host's fresh lock and refuses once its process renews it", async () => {
    const folder = lockedFolder({ pid: 4242, host: 'pod-a' }, 5_000);
    const path = join(folder, LOCK_FILE);
    const lines: string[] = [];
    // The other process renews its lock while this one watches.
    const renew = setTimeout(() => utimesSync(path, new Date(), new Date()), 100);
    const error = await refusal(folder, { log: (line) => lines.push(line), pollMs: 20, expiresMs: 60_000 });
    clearTimeout(renew);
    expect(error.exitCode).toBe(6);
    expect(error.message).toContain('pid 4242 on host pod-a');
    expect(error.message).toContain('it renews its lock');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/names pid 4242 on host pod-a, last renewed 5 s ago: waiting up to 55 s/);
    expect(existsSync(path)).toBe(true);
  });

  it("takes over another host's lock that is not renewed before it expires, and says so", async () => {
    const folder = lockedFolder({ pid: 4242, host: 'pod-a' }, 0);
    const lock = await acquireRunLock(folder, { pollMs: 20, expiresMs: 300 });
    expect(lock.tookOver).toMatch(/from pid 4242 on host pod-a: not renewed for 0 s$/);
    const owner = JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  });

  it('takes over at once a lock from another host last renewed over a minute ago', async () => {
    const lock = await acquireRunLock(lockedFolder({ pid: 4242, host: 'pod-a' }, 120_000));
    expect(lock.tookOver).toMatch(/not renewed for 12\d s$/);
    expect(LEASE_EXPIRES_MS).toBe(60_000);
    lock.release();
  });

  it('takes over a lock on this host whose process is gone, and refuses a live one', async () => {
    // A pid far above any pid_max in use: no such process.
    const dead = await acquireRunLock(lockedFolder({ pid: 2 ** 30, host: hostname() }, 0));
    expect(dead.tookOver).toContain('that process is gone');
    dead.release();
    const live = await refusal(lockedFolder({ pid: process.pid, host: hostname() }, 0));
    expect(live.exitCode).toBe(6);
    expect(live.message).not.toContain('renews');
  });

  it('renews its lock every 15 s while held', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    folders += 1;
    const folder = join(work, `run-${folders}`);
    mkdirSync(folder, { recursive: true });
    const lock = await acquireRunLock(folder);
    const path = join(folder, LOCK_FILE);
    const old = new Date(Date.now() - 300_000);
    utimesSync(path, old, old);
    vi.advanceTimersByTime(15_000);
    expect(Date.now() - statSync(path).mtimeMs).toBeLessThan(5_000);
    lock.release();
  });
});
