import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { ExitCode, WriteError } from '../errors.js';
import type { SuiteItem } from './render-items.js';

/** Bytes gathered before each write. */
const CHUNK_BYTES = 1 << 20;

/**
 * Writes items as JSONL (one object per line, keys in SuiteItem order) to `file` atomically:
 * a temporary file beside it, renamed over it when complete. Returns the row count and the sha256
 * of the bytes written.
 */
export async function writeItems(options: {
  file: string;
  folder: string;
  items: AsyncIterable<SuiteItem>;
}): Promise<{ rows: number; sha256: string }> {
  const { file, folder } = options;
  const temporary = `${file}.${process.pid}.tmp`;
  const hash = createHash('sha256');
  let rows = 0;
  const fail = (cause: unknown): WriteError =>
    cause instanceof WriteError
      ? cause
      : new WriteError({
          path: file,
          cause,
          exitCode: ExitCode.badInput,
          advice:
            'The suite is written there before the run; check the folder exists and can be written. Nothing was sent.',
        });
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw fail(error);
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(temporary, 'w');
  } catch (error) {
    throw fail(error);
  }
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const chunk = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    hash.update(chunk);
    try {
      await handle.write(chunk);
    } catch (error) {
      throw fail(error);
    }
  };
  try {
    for await (const item of options.items) {
      const line = `${JSON.stringify({
        id: item.id,
        prompt: item.prompt,
        expected: item.expected,
        scorer: item.scorer,
        subject: item.subject,
        category: item.category,
        suite: item.suite,
        cluster: item.cluster,
      })}\n`;
      pending.push(line);
      pendingLength += line.length;
      rows += 1;
      if (pendingLength >= CHUNK_BYTES) await flush();
    }
    await flush();
    await handle.close();
    renameSync(temporary, file);
  } catch (error) {
    await handle.close().catch(() => {});
    rmSync(temporary, { force: true });
    throw error instanceof WriteError || !(error as NodeJS.ErrnoException).code?.startsWith('E') ? error : fail(error);
  }
  return { rows, sha256: hash.digest('hex') };
}
