import type { RepeatedIdsFound } from './repeated-ids.js';
import type { ChatMessage } from '../types/chat-message.js';

/** One dataset row, ready to send. */
export interface Sample {
  /** The row's id column, or `itemKey` when the dataset has none. */
  id: string;
  /**
   * Stable hex key of the row's content (input and expected), so runs can be
   * joined and resumed even when rows are reordered or added. The n-th repeat
   * of identical content gets `-n` appended (n >= 2).
   */
  itemKey: string;
  /** Prompt text, or a full messages array (content may hold text / image_url parts). */
  input: string | ChatMessage[];
  /** Expected answer, after any extraction pattern was applied. */
  expected?: string;
  /** The row's columns (CSV) or top-level fields (JSONL), for templates and scorers. */
  vars: Record<string, unknown>;
  /** Where the row came from, for error messages. */
  source: { file: string; line: number };
  /** The values of the mapping's `groupColumns` (trimmed text; '' when the row has none), when it names any. */
  groups?: Record<string, string>;
}

/** How a row's columns map onto a sample. Everything is optional; sensible columns are picked up. */
export interface FieldMapping {
  /** Column holding the prompt text (default: prompt / input / question, or a JSONL `messages` field). */
  inputField?: string;
  /** Column holding the expected answer (default: expected / answer / target / label). */
  expectedField?: string;
  /** Regex applied to the expected value; its first capture group (or whole match) is kept. */
  expectedPattern?: string;
  /** Column holding the row id. */
  idField?: string;
  /** Prompt template over the row's columns, e.g. `{{Question}}\nA. {{A}}`. */
  prompt?: string;
  /**
   * Columns whose values each sample keeps as its groups, for breakdowns and clustered
   * errors (`--group-by`, `--cluster-by`, a suite's category and subject). Every one must
   * be a column of the file.
   */
  groupColumns?: string[];
  /**
   * Mixed into every item key, so the same text asked under another suite version is
   * another item (a suite's `name@version`). Absent for plain dataset files.
   */
  itemSalt?: string;
}

/** What a validating pass over a dataset learned, without holding its rows. */
export interface DatasetScan {
  file: string;
  format: 'csv' | 'jsonl';
  rows: number;
  sha256: string;
  /** Column names (CSV header, or the union of JSONL top-level keys). */
  columns: string[];
  /** Ids that two or more rows share (a warning: results join rows by content, but reports and JUnit show ids). */
  repeatedIds: RepeatedIdsFound;
  /** The distinct values of a `scorer` column, each with the line it first appears on (checked before any request). */
  scorerSpecs: Array<{ spec: string; line: number }>;
}
