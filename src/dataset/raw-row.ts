/** One parsed row before field mapping: its columns or top-level fields, and its 1-based starting line. */
export interface RawRow {
  fields: Record<string, unknown>;
  line: number;
}

/** Options every row reader takes. */
export interface RowReaderOptions {
  file: string;
  /** Called with every chunk of file bytes, in order (used to hash the file while it streams). */
  onChunk?: (chunk: Buffer) => void;
}
