import type { ChatMessage, ContentPart } from '../types/chat-message.js';
import { FAILURE_KINDS } from '../types/outcome-kinds.js';
import {
  arrayOf,
  boolean,
  type Check,
  describeValue,
  nullable,
  number,
  oneOf,
  optional,
  shape,
  text,
} from './value-checks.js';

/** The checks of the nested values of a result line: the error, the cache origin, the video task and messages. */

export const recordErrorCheck = shape('{kind, message, status, code}', {
  kind: { check: oneOf(FAILURE_KINDS), meaning: 'The kind of failure, which decided whether it was retried.' },
  message: { check: text, meaning: "The failure's message (the API key masked)." },
  status: { check: nullable(number), meaning: 'HTTP status of the final attempt; null when no response came.' },
  code: { check: nullable(text), meaning: "The provider's error code, when it sent one." },
});

export const cacheOriginCheck = shape('{endpoint, simulated, cached_at}', {
  endpoint: {
    check: text,
    meaning: 'Scheme, host, port and path the answer was first received from (no credentials).',
  },
  simulated: { check: boolean, meaning: 'True when the answering server said it was the simulated gateway.' },
  cached_at: { check: text, meaning: 'When the answer was stored in the cache (ISO time).' },
});

export const videoHandleCheck = shape('{taskId, model, submittedAt?, pollPath}', {
  taskId: { check: text, meaning: 'The task id the gateway gave.' },
  model: { check: text, meaning: 'The model id the task was submitted with.' },
  submittedAt: { check: optional(number), meaning: 'When the submit was accepted (milliseconds since the epoch).' },
  pollPath: { check: text, meaning: 'The path a resumed run polls the task at.' },
});

export const videoCheck = shape('{task_id, handle, state, ...}', {
  task_id: { check: text, meaning: 'The video task id.' },
  handle: { check: videoHandleCheck, meaning: 'What a resumed run needs to poll the task again.' },
  state: { check: oneOf(['pending', 'succeeded', 'failed', 'timed-out']), meaning: 'Where the task ended up.' },
  status_raw: { check: nullable(text), meaning: 'The last status text the gateway reported.' },
  failure_reason: { check: nullable(text), meaning: 'Why the task failed, when it did.' },
  video_url: { check: nullable(text), meaning: 'Where the finished video can be fetched.' },
  file: { check: nullable(text), meaning: 'The downloaded file relative to the run folder (`--download` only).' },
  bytes: { check: nullable(number), meaning: 'Size of the downloaded file in bytes.' },
  sha256: { check: nullable(text), meaning: 'SHA-256 of the downloaded file, hex.' },
  submitted_at: { check: text, meaning: 'When the submit was accepted (ISO time).' },
  time_to_done_ms: { check: nullable(number), meaning: "From the accepted submit to the task's end." },
  polls: { check: number, meaning: 'Status polls made.' },
});

const MEDIA_PARTS = new Set(['image_url', 'audio_url', 'video_url']);

/** One content part of a message: text, or a media part with its url (and, for images, an optional detail). */
const contentPartCheck: Check<ContentPart> = Object.assign(
  (value: unknown): string | null => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return `expected a content part object, got ${describeValue(value)}`;
    }
    const part = value as Record<string, unknown>;
    if (part.type === 'text') return typeof part.text === 'string' ? null : `text: ${text(part.text)}`;
    if (typeof part.type !== 'string' || !MEDIA_PARTS.has(part.type)) {
      return `type: expected "text", "image_url", "audio_url" or "video_url", got ${describeValue(part.type)}`;
    }
    const media = part[part.type] as Record<string, unknown> | null | undefined;
    if (typeof media !== 'object' || media === null) return `${part.type}: expected {url}, got ${describeValue(media)}`;
    if (typeof media.url !== 'string') return `${part.type}.url: ${text(media.url)}`;
    if (media.detail !== undefined && typeof media.detail !== 'string')
      return `${part.type}.detail: ${text(media.detail)}`;
    return null;
  },
  { type: 'ContentPart', csv: 'json' as const },
);

const partsCheck = arrayOf(contentPartCheck);

/** Message content: text, or an array of parts (the reason names the bad part). */
const contentCheck: Check<string | ContentPart[]> = Object.assign(
  (value: unknown) => (typeof value === 'string' ? null : partsCheck(value)),
  { type: 'string | ContentPart[]', csv: 'json' as const },
);

const messageCheck: Check<ChatMessage> = shape('{role, content}', {
  role: { check: oneOf(['system', 'developer', 'user', 'assistant']), meaning: 'Who speaks.' },
  content: { check: contentCheck, meaning: 'Text, or an array of content parts.' },
});

/** A chat messages array, as a dataset may give for `input`. */
export const messagesCheck: Check<ChatMessage[]> = arrayOf(messageCheck, 'ChatMessage[]');
