/** An answer read as JSON: the parsed value and how it was found, or why it is not JSON. */
export type JsonAnswer =
  | { ok: true; value: unknown; from: 'whole answer' | 'fenced block' }
  | { ok: false; message: string };

const FENCE = /```[ \t]*(?:json5?|JSON)?[ \t]*\r?\n([\s\S]*?)```/;

/**
 * Parses an answer as JSON: the whole answer (trimmed), else the first fenced
 * code block (```json … ```), as models often wrap JSON in Markdown.
 */
export function parseJsonAnswer(text: string): JsonAnswer {
  const trimmed = text.trim().replace(/^\uFEFF/, '');
  let firstError: string | null = null;
  try {
    return { ok: true, value: JSON.parse(trimmed), from: 'whole answer' };
  } catch (error) {
    firstError = (error as Error).message;
  }
  const fenced = FENCE.exec(trimmed);
  if (fenced) {
    try {
      return { ok: true, value: JSON.parse(fenced[1].trim()), from: 'fenced block' };
    } catch (error) {
      return { ok: false, message: `fenced block is not valid JSON: ${(error as Error).message}` };
    }
  }
  return { ok: false, message: trimmed === '' ? 'empty answer' : `not valid JSON: ${firstError}` };
}
