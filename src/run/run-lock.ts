import { closeSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExitCode, UserError } from '../errors.js';

/** What a lock file says about the process holding the run folder. */
interface LockOwner {
  pid: number;
  host: string;
  started_at: string;
}

/** The file in a run folder that says which process runs it. */
export const LOCK_FILE = 'run.lock';

/** A held run-folder lock. */
export interface RunLock {
  release(): void;
  /** Set when the lock was taken over from a process that is gone: whose it was and why it was free. */
  tookOver: string | null;
}

/**
 * The holder renews its lock (the file's mtime) this often, and a lock from another host not
 * renewed for `LEASE_EXPIRES_MS` is free: that process is gone (a pod replaced on another node),
 * since a live one renews it every 15 s. Another host's pid cannot be checked from here.
 */
const LEASE_RENEW_MS = 15_000;
export const LEASE_EXPIRES_MS = 60_000;

/**
 * Takes the run folder for this process: creates `run.lock` (pid, host, start) with
 * an exclusive create, so two processes cannot both hold it, and renews it every 15 s
 * while held. A lock whose process is gone is taken over: on this host when its pid is
 * gone (a `kill -9`, a crash); from another host when it was not renewed for 60 s (a
 * Kubernetes pod replaced on another node). Another host's lock that is younger than
 * that is watched until it is renewed (its process lives: refused) or expires (taken
 * over), so a replacement pod waits out its predecessor's lease instead of failing. A
 * live one refuses with a message naming its owner (exit 6). `pollMs` and `expiresMs` are for tests.
 */
export async function acquireRunLock(
  folder: string,
  options: { log?: (line: string) => void; pollMs?: number; expiresMs?: number } = {},
): Promise<RunLock> {
  const path = join(folder, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), started_at: new Date().toISOString() };
  const expiresMs = options.expiresMs ?? LEASE_EXPIRES_MS;
  let tookOver: string | null = null;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(path, owner)) return lockAt(path, tookOver);
    const holder = readOwner(path);
    if (holder === null) continue;
    const free =
      holder.host === owner.host
        ? isAlive(holder.pid)
          ? null
          : 'that process is gone'
        : await leaseExpired({ holder, path, expiresMs, pollMs: options.pollMs ?? 1_000, log: options.log });
    if (free === 'released') continue;
    if (free !== null) {
      // Left by a process that is gone: remove it and race for a fresh one (only one exclusive create wins).
      tookOver = `took over ${path} from pid ${holder.pid} on host ${holder.host}: ${free}`;
      rmSync(path, { force: true });
      continue;
    }
    const where = holder.host === owner.host ? '' : ` on host ${holder.host}`;
    const renewed = holder.host === owner.host ? '' : ', and it renews its lock';
    throw new UserError(
      `${folder} is in use by another mixrouter-eval process (pid ${holder.pid}${where}, since ${holder.started_at}${renewed}), so nothing was sent. ` +
        'Wait for it to finish.',
      ExitCode.runFolderBusy,
    );
  }
  throw new UserError(`${folder}: could not take its lock ${path}; try again.`, ExitCode.runFolderBusy);
}

function renewedAt(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Watches another host's lock: null as soon as it is renewed (or replaced), the reason it is
 * free once it has gone `expiresMs` without renewal, or 'released' when it is removed meanwhile.
 */
async function leaseExpired(options: {
  holder: LockOwner;
  path: string;
  expiresMs: number;
  pollMs: number;
  log?: (line: string) => void;
}): Promise<string | null | 'released'> {
  const { holder, path, expiresMs } = options;
  const first = renewedAt(path);
  if (first === null) return 'released';
  let told = false;
  for (;;) {
    const silentMs = Date.now() - first;
    if (silentMs > expiresMs) return `not renewed for ${Math.round(silentMs / 1000)} s`;
    if (!told) {
      told = true;
      options.log?.(
        `${path} names pid ${holder.pid} on host ${holder.host}, last renewed ${Math.round(silentMs / 1000)} s ago: ` +
          `waiting up to ${Math.ceil((expiresMs - silentMs) / 1000)} s to see whether that process still renews it.`,
      );
    }
    await sleep(Math.min(options.pollMs, expiresMs - silentMs + 1));
    const now = renewedAt(path);
    if (now === null) return 'released';
    if (now !== first) return null;
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock's owner, or null when the file vanished or is unreadable (a competitor mid-write: look again). */
function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') {
      return { pid: owner.pid, host: owner.host, started_at: String(owner.started_at ?? 'an unknown time') };
    }
  } catch {
    return null;
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

function lockAt(path: string, tookOver: string | null): RunLock {
  let held = true;
  const renew = setInterval(() => {
    try {
      const at = new Date();
      utimesSync(path, at, at);
    } catch {
      // A lock that cannot be renewed is taken over a minute later; the run itself goes on.
    }
  }, LEASE_RENEW_MS);
  renew.unref();
  return {
    tookOver,
    release() {
      if (!held) return;
      held = false;
      clearInterval(renew);
      rmSync(path, { force: true });
    },
  };
}
