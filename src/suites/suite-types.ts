import type { CompiledTemplate } from '../dataset/template.js';
import type { SuiteFileRef } from './suite-files.js';
import type { SampleValue } from './suite-schema.js';

/** One subject of a part: its data file and, when the part has few-shot exemplars, their file. */
export interface SubjectSource {
  subject: string;
  /** Absolute path of the data file. */
  file: string;
  /** Absolute path of the exemplar file, or null when the part has none. */
  fewShotFile: string | null;
  category: string | null;
  /** The display name from the subject map (e.g. the Chinese name), else the subject itself. */
  displayName: string;
}

/** A part of a suite with every path resolved and every template compiled. */
export interface SuitePart {
  name: string;
  /** The suite file that defines this part, and its key there (`parts[0]`), for messages. */
  where: { file: SuiteFileRef; key: string };
  /** The working folder, to show data paths relative to it in messages. */
  cwd: string;
  format: 'csv' | 'jsonl';
  /** True when `data` is one file (item ids are then `<part>/<row id>`, else `<part>/<subject>/<row id>`). */
  singleFile: boolean;
  /** Subjects in a fixed order (a folder's files sorted by name). */
  subjects: SubjectSource[];
  idColumn: string | null;
  template: {
    preamble: CompiledTemplate | null;
    question: CompiledTemplate;
    answer: CompiledTemplate | null;
    separator: string;
  };
  /** Exemplars shown when no shot count is asked for (0 without a few-shot source). */
  defaultShots: number;
  hasFewShot: boolean;
  expected: { column: string; pattern: RegExp | null; stripCommas: boolean };
  scorer: string;
  /** Category names in reporting order (the subject map's order, then first use). */
  categoryOrder: string[];
  sample: SampleValue | null;
}

/** A suite file, validated and resolved. */
export interface SuiteDefinition {
  file: SuiteFileRef;
  name: string;
  version: string;
  description: string;
  licence: { name: string; file: string | null; meaning: string | null };
  parts: SuitePart[];
  groupBy: string[];
  clusterBy: string | null;
}

/** One row of a subject, read and checked: its item id, its fields and where it came from. */
export interface SuiteRow {
  id: string;
  fields: Record<string, unknown>;
  expected: string;
  line: number;
}

/** The rows of one subject after sampling. */
export interface SubjectRows {
  part: SuitePart;
  source: SubjectSource;
  rows: SuiteRow[];
}
