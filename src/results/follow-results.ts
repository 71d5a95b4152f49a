import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parseResultLine } from './parse-result-line.js';
import type { ResultRecord } from './result-record.js';

/** Bytes read per call. */
const CHUNK = 1 << 20;

/**
 * Reads a results file that is still being appended to, a little at a time:
 * each `poll` consumes the complete lines written since the last one (a line
 * still being written waits for its newline). It keeps the final record of
 * every key, as `latestRecords` does over a finished file: a later line
 * replaces an earlier one, and keys whose last line is `pending` are left out.
 * Stops holding records (and says so) once more keys than `maxKeys` were seen.
 */
export class ResultsFollower {
  private fd: number | null = null;
  private offset = 0;
  private rest = '';
  /** Lines consumed so far (the number of the last complete line). */
  private lineNumber = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private readonly latest = new Map<string, ResultRecord>();
  /** True once the file held more keys than `maxKeys`, or a corrupt line: the records were dropped. */
  overflowed = false;

  constructor(
    readonly path: string,
    private readonly maxKeys: number,
  ) {}

  /** Reads what was appended since the last call. */
  poll(): void {
    if (this.overflowed) return;
    if (this.fd === null) {
      if (!existsSync(this.path)) return;
      this.fd = openSync(this.path, 'r');
    }
    // A file cut shorter than what was read is read again from the start. (The runner cuts a torn
    // tail before the report worker is told to follow, so this is only a safeguard.)
    if (fstatSync(this.fd).size < this.offset) this.restart();
    for (;;) {
      const read = readSync(this.fd, this.buffer, 0, CHUNK, this.offset);
      if (read === 0) return;
      this.offset += read;
      const text = this.rest + this.decoder.write(this.buffer.subarray(0, read));
      const end = text.lastIndexOf('\n');
      this.rest = end < 0 ? text : text.slice(end + 1);
      if (end >= 0) this.take(text.slice(0, end));
      if (this.overflowed) return;
    }
  }

  /** The final record of every finished key, in the order of their last lines. */
  records(): ResultRecord[] {
    const records: ResultRecord[] = [];
    for (const record of this.latest.values()) if (record.status !== 'pending') records.push(record);
    return records;
  }

  private restart(): void {
    this.offset = 0;
    this.rest = '';
    this.lineNumber = 0;
    this.latest.clear();
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private take(lines: string): void {
    for (const line of lines.split('\n')) {
      this.lineNumber += 1;
      if (line.trim() === '') continue;
      // Checked and upgraded as readResults does. A line that is no valid record (never the tail,
      // which waits for its newline) makes the follower let go: the reports then read the file,
      // which names the line, instead of quietly leaving it out.
      const { record } = parseResultLine(line, this.lineNumber);
      if (!record) {
        this.overflowed = true;
        this.latest.clear();
        this.close();
        return;
      }
      this.latest.delete(record.key);
      this.latest.set(record.key, record);
      if (this.latest.size > this.maxKeys) {
        this.overflowed = true;
        this.latest.clear();
        this.close();
        return;
      }
    }
  }
}
