import { isRecord, stringOrNull } from '../json-values.js';
import { readOutput } from './read-output.js';

/** What one Responses object (a 2xx body, or the `response` of a stream event) says. */
export interface ResponseState {
  /** Visible text, or null when the object carried none (no `output_text` part and no `output_text` field). */
  text: string | null;
  reasoningParts: string[];
  hasFunctionCall: boolean;
  /** The `usage` value as it arrived (null or absent while in progress). */
  usage: unknown;
  status: string | null;
  incompleteReason: string | null;
  model: string | null;
  id: string | null;
}

/**
 * Reads a Responses object. Text comes from `output[]` (openai-responses.md §6); the
 * top-level `output_text` convenience field is used only when `output[]` has no text part,
 * because the raw HTTP body normally lacks it (§2, §9 item 1) and a fake server may add it.
 */
export function readResponse(response: Record<string, unknown>): ResponseState {
  const output = readOutput(response.output);
  const details = response.incomplete_details;
  const convenienceText = stringOrNull(response.output_text);
  return {
    text: output.sawText ? output.textParts.join('') : convenienceText,
    reasoningParts: output.reasoningParts,
    hasFunctionCall: output.hasFunctionCall,
    usage: response.usage,
    status: stringOrNull(response.status),
    incompleteReason: isRecord(details) ? stringOrNull(details.reason) : null,
    model: stringOrNull(response.model),
    id: stringOrNull(response.id),
  };
}

/**
 * True when a response carries an error: a non-empty `error` object or string. OpenAI
 * sends `error: null` on success; an empty object is treated the same way.
 */
export function hasErrorValue(error: unknown): boolean {
  if (typeof error === 'string') return error !== '';
  return isRecord(error) && Object.keys(error).length > 0;
}
