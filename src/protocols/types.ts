/**
 * The contract between the runner and every wire-format codec.
 *
 * Codecs are pure: they build requests, parse bodies, fold stream events and
 * classify errors. They never do I/O, read the clock, sleep or retry.
 */

import type { ChatMessage } from '../types/chat-message.js';
import type { FormatName } from '../types/formats.js';
import type { FailureKind, UnifiedFinishReason } from '../types/outcome-kinds.js';

export type { ChatMessage, ContentPart } from '../types/chat-message.js';
export type { FormatName } from '../types/formats.js';
export type { FailureKind, UnifiedFinishReason } from '../types/outcome-kinds.js';

/** How hard the model should think, when a format lets us ask. */
export interface ThinkingOptions {
  enabled: boolean;
  /** Token budget for formats that take one (Anthropic, Gemini, Qwen). */
  budgetTokens?: number;
  /** Effort level for formats that take one (OpenAI reasoning models). */
  effort?: 'minimal' | 'low' | 'medium' | 'high';
}

/**
 * The vendor behind a model. Formats stay the same across vendors; this only
 * selects small documented adjustments (thinking switches, usage quirks).
 */
export type Vendor = 'openai' | 'anthropic' | 'google' | 'deepseek' | 'qwen' | 'doubao' | 'other';

/** A protocol-neutral request for one generation. */
export interface Call {
  /** Model id sent on the wire. */
  model: string;
  vendor: Vendor;
  messages: ChatMessage[];
  /** System prompt given with `--system`; formats place it where they expect it. */
  system?: string;
  temperature?: number;
  maxOutputTokens?: number;
  stream: boolean;
  thinking?: ThinkingOptions;
  /** Extra top-level body fields, merged last so they can override anything. */
  extraBody?: Record<string, unknown>;
}

/** Where the gateway's credential goes on a request. */
export type AuthStyle = 'bearer' | 'x-api-key' | 'x-goog-api-key';

/** Where to send a call: the base URL (ending in `/v1`) and the auth style. */
export interface Endpoint {
  baseUrl: string;
  auth: AuthStyle;
}

/** A fully built HTTP request. Headers never contain the credential; the transport adds it. */
export interface WireRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** JSON body; absent for GET. */
  body?: unknown;
  /** True when the response is expected as server-sent events. */
  stream: boolean;
  /**
   * What the codec changed in, or left out of, the call to make a request the API
   * accepts (a temperature dropped, a budget raised, a budget sent as an effort),
   * one sentence each; never sent. Empty or absent when the call went as asked.
   */
  notes?: string[];
}

/**
 * Token usage in one shape for every format. `null` means "not reported",
 * never zero. `input` includes cached tokens; `output` includes reasoning tokens.
 */
export interface Usage {
  input: number | null;
  output: number | null;
  /** Subset of `output` spent on reasoning. */
  reasoning: number | null;
  /** Subset of `input` read from a prompt cache. */
  cached: number | null;
  /** Input tokens written to a prompt cache (Anthropic). */
  cacheWrite: number | null;
  /** The provider's total when present, else input + output. */
  total: number | null;
  /** The provider's usage object exactly as it arrived, or null. */
  raw: unknown;
}

/** A finish reason: the unified value plus the vendor's raw string. */
export interface FinishReason {
  unified: UnifiedFinishReason;
  raw: string | null;
}

/** A successful generation, normalised. */
export interface Completion {
  /** The answer text (content without a split-off reasoning wrapper). */
  text: string;
  /** Reasoning text from a dedicated field, or from a `<think>` wrapper when no field existed. */
  reasoning: string | null;
  /** The original content when a wrapper was split off; null otherwise. */
  rawText: string | null;
  usage: Usage;
  finishReason: FinishReason;
  /** The model id the response reports (may be a dated snapshot). */
  responseModel: string | null;
  responseId: string | null;
  systemFingerprint: string | null;
}

/** A typed failure of one request attempt. */
export interface Failure {
  kind: FailureKind;
  message: string;
  /** HTTP status, when there was a response. */
  status: number | null;
  /** The provider's error code or type, when it gave one. */
  code: string | null;
  /** How long the server asked us to wait, from Retry-After or rate-limit reset headers. */
  retryAfterMs: number | null;
  /** What arrived before a stream broke, kept so a final error row still shows it. */
  partial?: Completion;
}

/** The outcome of one request: a value, or a typed failure. Tell them apart by `ok`. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** A successful outcome. */
export function succeeded<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** A failed outcome. */
export function failed<T = never>(failure: Failure): Outcome<T> {
  return { ok: false, failure };
}

/** Response headers as the transport hands them to a codec (lower-case names). */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** One server-sent event, after the SSE framing was removed. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/** Folds one response stream into a completion. A fresh folder is made per attempt. */
export interface StreamFolder {
  /** Feeds one event. Returns true when it carried generated text or reasoning (used for time to first token). */
  push(event: SseEvent): boolean;
  /** Called when the body ends; a failure for in-stream errors and truncated streams. */
  finish(): Outcome<Completion>;
}

/** What a codec knows about the call when it reads the answer. */
export interface ParseContext {
  vendor: Vendor;
  /** Whether thinking was requested. */
  thinking: boolean;
}

/** A wire-format codec. Pure: no I/O, no clock, no retries. */
export interface Codec {
  format: FormatName;
  buildRequest(options: { call: Call; endpoint: Endpoint }): WireRequest;
  /** Parses a 2xx JSON body. A 200 carrying an error object becomes a failure. */
  parseResponse(body: unknown, context: ParseContext): Outcome<Completion>;
  createStreamFolder(context: ParseContext): StreamFolder;
  /** Turns a non-2xx response into a typed failure. */
  classifyError(options: { status: number; headers: ResponseHeaders; bodyText: string }): Failure;
}
