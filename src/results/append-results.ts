import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { ExitCode, WriteError } from '../errors.js';
import type { ResultRecord } from './result-record.js';

/**
 * Appends result lines as requests finish: the run's checkpoint.
 *
 * Group commit: the lines of the records finished in one turn of the event loop
 * are written together, with one `write` of complete lines on an append-mode
 * descriptor, in the `setImmediate` right after that turn (microseconds later,
 * before any new I/O is handled). Once written, the kernel has them even if the
 * process is killed right after. What `kill -9` can lose is the lines of the
 * turn it interrupts: answers received within the last fraction of a
 * millisecond, the same window that already lies between an answer's last byte
 * and its record. Measured with `npm run bench`: a write per record cost the
 * runner about 5% of its CPU at thousands of requests a second; batching a turn
 * makes it a write per turn. `close()` writes what is pending.
 */
export class ResultsWriter {
  private readonly fd: number;
  private closed = false;
  private pending: string[] = [];
  private scheduled = false;
  /** The first failed write: every later append is refused with it. */
  private failure: WriteError | null = null;
  /** Bytes in the file: every one of them belongs to a complete line. */
  private size: number;
  lines = 0;

  /**
   * `secret` (the API key) is masked if it ever shows up in a record, e.g. echoed in an error message.
   * `onError` hears of a write that failed after `append` returned (the run halts on it).
   */
  constructor(
    readonly path: string,
    private readonly secret: string | null = null,
    private readonly onError: (error: WriteError) => void = () => undefined,
  ) {
    try {
      this.fd = openSync(path, 'a+');
      repairTornTail(this.fd);
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      throw writeError(path, error);
    }
  }

  /**
   * Writes the record's line and returns the record as written: the same
   * object, or, when the secret had to be masked, the masked copy (so every
   * output derived from it, results.csv and scores included, is masked too).
   */
  append(record: ResultRecord): ResultRecord {
    if (this.closed) throw new Error(`results file ${this.path} is already closed`);
    if (this.failure) throw this.failure;
    const line = JSON.stringify(record);
    const masked = this.secret && line.includes(this.secret) ? line.split(this.secret).join('***') : null;
    this.pending.push(masked ?? line);
    this.lines += 1;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushQuietly());
    }
    return masked === null ? record : (JSON.parse(masked) as ResultRecord);
  }

  /** Writes every pending line now; throws a WriteError when the write fails. */
  flush(): void {
    this.scheduled = false;
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const text = `${this.pending.join('\n')}\n`;
    this.pending = [];
    try {
      this.writeLines(Buffer.from(text));
    } catch (error) {
      this.failure = error as WriteError;
      throw error;
    }
  }

  /** Writes pending lines and closes the file; a failed last write throws its WriteError. */
  close(): void {
    if (this.closed) return;
    try {
      this.flush();
    } finally {
      this.closed = true;
      closeSync(this.fd);
    }
  }

  private flushQuietly(): void {
    if (this.closed) return;
    try {
      this.flush();
    } catch (error) {
      if (error instanceof WriteError) this.onError(error);
      else throw error;
    }
  }

  /**
   * Writes whole lines. A full disk can take part of them and refuse the rest: the
   * part is cut off again (so the file still ends with a complete line; should that
   * fail too, the next open cuts it) and a WriteError says which file failed.
   */
  private writeLines(bytes: Buffer): void {
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    } catch (error) {
      try {
        if (written > 0) ftruncateSync(this.fd, this.size);
      } catch {
        // Left for repairTornTail on the next open.
      }
      throw writeError(this.path, error);
    }
    this.size += bytes.length;
  }
}

function writeError(path: string, cause: unknown): WriteError {
  return new WriteError({
    path,
    cause,
    exitCode: ExitCode.checkpointWrite,
    advice:
      'Scheduling stopped; every line already in it is complete. Free space, then resume the run: finished rows are not sent again.',
  });
}

/**
 * A killed process can leave a last line without its newline. Appending after
 * it would glue two records together, so cut the torn tail back to the last
 * complete line. Returns the number of bytes removed.
 */
export function repairTornTail(fd: number): number {
  const size = fstatSync(fd).size;
  if (size === 0) return 0;
  const chunk = Buffer.alloc(Math.min(size, 1 << 16));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const length = end - start;
    readSync(fd, chunk, 0, length, start);
    const newline = chunk.subarray(0, length).lastIndexOf(0x0a);
    if (newline === length - 1 && end === size) return 0;
    if (newline >= 0) {
      const keep = start + newline + 1;
      ftruncateSync(fd, keep);
      return size - keep;
    }
    end = start;
  }
  ftruncateSync(fd, 0);
  return size;
}
