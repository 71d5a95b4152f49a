import type { StreamFrame } from '../delivery.js';
import type { BilledUsage } from '../ledger.js';
import { splitForStream } from '../stream-pieces.js';

/** One Gemini answer, ready to be written as `GenerateContentResponse` JSON. */
export interface GeminiReply {
  responseId: string;
  modelVersion: string;
  content: string;
  contentTokens: number;
  /** Thought summary to return as `thought: true` parts, or null when not asked for or not produced. */
  thoughts: string | null;
  finish: 'stop' | 'length';
  /** Billed usage: `output` is candidates plus thoughts, `reasoning` the thoughts. */
  usage: BilledUsage;
}

type Part = { text: string; thought?: true };

const finishReasons = { stop: 'STOP', length: 'MAX_TOKENS' } as const;

/**
 * `usageMetadata` as Google writes it: zero counts are left out (proto JSON),
 * `candidatesTokenCount` excludes thoughts and the total adds prompt, candidates and thoughts.
 */
function usageMetadata(usage: BilledUsage, counts: { candidates: number; thoughts: number }): Record<string, unknown> {
  const metadata: Record<string, unknown> = { promptTokenCount: usage.input };
  if (counts.candidates > 0) metadata.candidatesTokenCount = counts.candidates;
  metadata.totalTokenCount = usage.input + counts.candidates + counts.thoughts;
  if (usage.cached > 0) metadata.cachedContentTokenCount = usage.cached;
  metadata.promptTokensDetails = [{ modality: 'TEXT', tokenCount: usage.input }];
  if (usage.cached > 0) metadata.cacheTokensDetails = [{ modality: 'TEXT', tokenCount: usage.cached }];
  if (counts.thoughts > 0) metadata.thoughtsTokenCount = counts.thoughts;
  return metadata;
}

function candidate(parts: Part[], finish: GeminiReply['finish'] | null): Record<string, unknown> {
  // A candidate with nothing to show (thinking used the whole budget) has a content without parts.
  const result: Record<string, unknown> = { content: parts.length > 0 ? { parts, role: 'model' } : { role: 'model' } };
  if (finish !== null) result.finishReason = finishReasons[finish];
  result.index = 0;
  return result;
}

function response(
  reply: GeminiReply,
  parts: Part[],
  finish: GeminiReply['finish'] | null,
  counts: { candidates: number; thoughts: number },
): string {
  return JSON.stringify({
    candidates: [candidate(parts, finish)],
    usageMetadata: usageMetadata(reply.usage, counts),
    modelVersion: reply.modelVersion,
    responseId: reply.responseId,
  });
}

function finalCounts(reply: GeminiReply): { candidates: number; thoughts: number } {
  return { candidates: reply.contentTokens, thoughts: reply.usage.reasoning };
}

/** The non-streamed `generateContent` body: thought parts first, then the answer. */
export function geminiBody(reply: GeminiReply): string {
  const parts: Part[] = [];
  if (reply.thoughts) parts.push({ text: reply.thoughts, thought: true });
  if (reply.content) parts.push({ text: reply.content });
  return response(reply, parts, reply.finish, finalCounts(reply));
}

// Google separates server-sent events with CRLF pairs.
const eventEnd = '\r\n\r\n';

/**
 * The `streamGenerateContent?alt=sse` events: each carries only new parts and
 * the usage so far (hidden thinking counts from the start); the last one has
 * `finishReason` and the final counts. No terminator: the connection closes.
 */
export function geminiFrames(reply: GeminiReply): StreamFrame[] {
  const frames: StreamFrame[] = [];
  let thoughts = reply.thoughts === null ? reply.usage.reasoning : 0;
  let candidates = 0;
  const soFar = () => ({ candidates: Math.round(candidates), thoughts: Math.round(thoughts) });
  for (const piece of splitForStream(reply.thoughts ?? '', reply.usage.reasoning)) {
    thoughts += piece.tokens;
    frames.push({
      text: `data: ${response(reply, [{ text: piece.text, thought: true }], null, soFar())}${eventEnd}`,
      tokens: piece.tokens,
    });
  }
  const pieces = splitForStream(reply.content, reply.contentTokens);
  pieces.forEach((piece, index) => {
    candidates += piece.tokens;
    const last = index === pieces.length - 1;
    const text = response(
      reply,
      [{ text: piece.text }],
      last ? reply.finish : null,
      last ? finalCounts(reply) : soFar(),
    );
    frames.push({ text: `data: ${text}${eventEnd}`, tokens: piece.tokens });
  });
  if (pieces.length === 0)
    frames.push({ text: `data: ${response(reply, [], reply.finish, finalCounts(reply))}${eventEnd}`, tokens: 0 });
  return frames;
}

/** Google's error object, as an upstream sends it after a 200 status line. */
export function geminiErrorJson(message: string): string {
  return JSON.stringify({ error: { code: 500, message, status: 'INTERNAL' } });
}

/** A stream event whose JSON is cut off. */
export function geminiGarbageFrame(): string {
  return `data: {"candidates":[{"content":{"parts":[{"text":"${eventEnd}`;
}

/** A stream event carrying an error object. */
export function geminiErrorFrame(message: string): string {
  return `data: ${geminiErrorJson(message)}${eventEnd}`;
}
