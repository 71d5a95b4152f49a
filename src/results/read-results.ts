import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import { type LineProblem, parseResultLine } from './parse-result-line.js';
import type { ResultRecord } from './result-record.js';

/**
 * Streams the records of a results file, each checked and upgraded to the
 * current schema by `parseResultLine`. A torn last line (text that does not
 * parse, left by a killed writer) is skipped silently. Any other line that is
 * not a valid record is never skipped in silence: it goes to `onBadLine` when
 * the caller gives one, and otherwise stops the read with a UserError (exit 2)
 * naming the file, the line and what is wrong.
 */
export async function* readResults(
  path: string,
  onBadLine: (line: number, text: string, problem: LineProblem) => void = (_line, _text, problem) => {
    throw corruptLine(path, problem);
  },
  /** When given, only lines containing this text are parsed (a cheap pre-filter). */
  mustContain?: string,
): AsyncGenerator<ResultRecord> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  let pending: { text: string; problem: LineProblem } | null = null;
  for await (const text of lines) {
    number += 1;
    if (pending) onBadLine(pending.problem.line, pending.text, pending.problem);
    pending = null;
    if (text.trim() === '' || (mustContain !== undefined && !text.includes(mustContain))) continue;
    const parsed = parseResultLine(text, number);
    if (parsed.record) yield parsed.record;
    else pending = { text, problem: parsed.problem };
  }
  // A final line that does not parse is the torn tail of an interrupted write: skipped silently.
  // One that parses but is no valid record was written whole, so it is reported like any other.
  if (pending && pending.problem.kind !== 'not-json') onBadLine(pending.problem.line, pending.text, pending.problem);
}

/** The error for a corrupt line in the middle of a results file: it was edited or damaged, and a report would lie. */
export function corruptLine(path: string, problem: LineProblem): UserError {
  return new UserError(
    `${path}:${problem.line}: not a valid result line (${problem.field ? `field ${problem.field}: ` : ''}${problem.reason}). ` +
      'The file was edited or damaged: repair or remove that line (a resume then runs its row again) and try again.',
  );
}

const KEY_FIELD = /"key":"([0-9a-f-]+)"/;

/**
 * Streams just the `key` of every complete line, without parsing whole
 * records (the writer puts `key` near the start of each line), for passes
 * that only need keys over a large file.
 */
export async function* readResultKeys(path: string): AsyncGenerator<string> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    const match = KEY_FIELD.exec(text.slice(0, 200));
    if (match && text.endsWith('}')) yield match[1];
  }
}
