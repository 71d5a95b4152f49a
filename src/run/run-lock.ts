import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
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
}

/**
 * Takes the run folder for this process: creates `run.lock` (pid, host, start) with
 * an exclusive create, so two processes cannot both hold it. A lock whose process is
 * gone (same host, no such pid: a `kill -9`, a crash) is taken over; a live one, or
 * one from another host, refuses with a message naming its owner (exit 6).
 */
export function acquireRunLock(folder: string): RunLock {
  const path = join(folder, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), started_at: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(path, owner)) return lockAt(path);
    const holder = readOwner(path);
    if (holder === null) continue;
    if (holder.host === owner.host && !isAlive(holder.pid)) {
      // Left by a process that died: remove it and race for a fresh one (only one exclusive create wins).
      rmSync(path, { force: true });
      continue;
    }
    const where = holder.host === owner.host ? '' : ` on host ${holder.host}`;
    throw new UserError(
      `${folder} is in use by another mixrouter-eval process (pid ${holder.pid}${where}, since ${holder.started_at}), so nothing was sent. ` +
        `Wait for it to finish${holder.host === owner.host ? '' : `, or delete ${path} if that process is gone`}.`,
      ExitCode.runFolderBusy,
    );
  }
  throw new UserError(`${folder}: could not take its lock ${path}; try again.`, ExitCode.runFolderBusy);
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

function lockAt(path: string): RunLock {
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      rmSync(path, { force: true });
    },
  };
}
