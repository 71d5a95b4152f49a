import { closeSync, openSync, writeSync } from 'node:fs';
import { outputWriteError } from '../errors.js';

/** Bytes buffered before one write. */
const FLUSH_BYTES = 1 << 16;

/**
 * A file written from the main thread in 64 KiB batches: text is appended to
 * a buffer and written synchronously when the buffer fills or on `close`, so
 * a caller can feed it as each row finishes without queueing async work.
 */
export class BufferedFile {
  private readonly fd: number;
  private buffer = '';
  private closed = false;

  /** Creates (or truncates) `path`. */
  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (error) {
      throw outputWriteError(path, error);
    }
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_BYTES) this.flush();
  }

  /** Writes what is buffered and closes the file; later calls do nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    const text = this.buffer;
    this.buffer = '';
    try {
      if (text.length > 0) writeSync(this.fd, text);
    } catch (error) {
      throw outputWriteError(this.path, error);
    }
  }
}
