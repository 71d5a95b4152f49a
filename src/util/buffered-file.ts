import { closeSync, openSync, writeSync } from 'node:fs';

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
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_BYTES) this.flush();
  }

  /** Writes what is buffered and closes the file; later calls do nothing. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
