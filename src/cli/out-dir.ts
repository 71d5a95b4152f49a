import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * Makes sure a run can write into `folder` before anything is sent: it is not
 * empty, not a file, not under a file, and a file can be created in it (which
 * rules out read-only and pseudo filesystems). Creates the folder. A problem is a
 * ConfigError naming the folder and `source` (the flag it came from).
 */
export function prepareOutDir(folder: string, source: string): void {
  if (folder.trim() === '') throw new ConfigError(`${source} is empty: name the folder for the run's files.`);
  const path = resolve(folder);
  if (existsSync(path) && !statSync(path).isDirectory()) {
    throw new ConfigError(`${source} ${folder} is a file, not a folder. Name a folder (it is created when missing).`);
  }
  // The folders to create, outermost first, up to the nearest one that exists.
  const missing: string[] = [];
  let existing = path;
  while (!existsSync(existing) && existing !== dirname(existing)) {
    missing.unshift(existing);
    existing = dirname(existing);
  }
  if (!statSync(existing).isDirectory()) {
    throw new ConfigError(`${source} ${folder} lies under ${existing}, which is a file. Name a folder elsewhere.`);
  }
  const probe = join(path, `.write-check-${process.pid}`);
  try {
    // One level at a time: Node 20's recursive mkdir can loop forever on a pseudo filesystem such as /proc.
    for (const level of missing) mkdirSync(level);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new ConfigError(`${source} ${folder} cannot be written to (${reason}). Name a folder you can write in.`);
  }
}
