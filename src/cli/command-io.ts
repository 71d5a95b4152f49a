/** Streams a command writes to; tests pass their own. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /**
   * Where live progress is drawn with cursor controls: the raw stderr, when `stdout` and
   * `stderr` make every control character inert (see `runCli`). Progress makes its own
   * text (model names) inert. Absent: progress goes to `stderr`.
   */
  progress?: { write(text: string): unknown; isTTY?: boolean };
}
