import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import type { ResultRecord } from './result-record.js';

/**
 * Appends result lines as requests finish. Each record is one `write` of one
 * complete line on an append-mode descriptor, so the kernel has every finished
 * line even if the process is killed right after (`kill -9` loses nothing
 * finished). The file is the run's checkpoint.
 */
export class ResultsWriter {
  private readonly fd: number;
  private closed = false;
  lines = 0;

  /** `secret` (the API key) is masked if it ever shows up in a record, e.g. echoed in an error message. */
  constructor(
    readonly path: string,
    private readonly secret: string | null = null,
  ) {
    this.fd = openSync(path, 'a+');
    repairTornTail(this.fd);
  }

  /**
   * Writes the record's line and returns the record as written: the same
   * object, or, when the secret had to be masked, the masked copy (so every
   * output derived from it, results.csv and scores included, is masked too).
   */
  append(record: ResultRecord): ResultRecord {
    if (this.closed) throw new Error(`results file ${this.path} is already closed`);
    const line = JSON.stringify(record);
    const masked = this.secret && line.includes(this.secret) ? line.split(this.secret).join('***') : null;
    writeSync(this.fd, `${masked ?? line}\n`);
    this.lines += 1;
    return masked === null ? record : (JSON.parse(masked) as ResultRecord);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
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
