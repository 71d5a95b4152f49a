import { countTokens, truncateToTokens } from './tokens.js';

/** A piece of streamed text and the tokens it stands for (used for pacing). */
export interface StreamPiece {
  text: string;
  tokens: number;
}

/** Tokens in the first piece: real streams open with the first token or so on its own. */
const firstPieceTokens = 1;
/** Tokens per later piece for short texts. */
const tokensPerPiece = 8;
/** Most later pieces one text is split into, so long answers stay at a few dozen writes. */
const maxLaterPieces = 24;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Moves `end` past a low surrogate so a pair is never split. */
function safeEnd(text: string, end: number): number {
  return end < text.length && isLowSurrogate(text.charCodeAt(end)) ? end + 1 : end;
}

/**
 * Splits text for a stream: a first piece holding about the first token, then
 * the rest in at most 24 even pieces of about 8 tokens or more. The pieces'
 * tokens add up to `tokens`; text is never cut inside a surrogate pair.
 */
export function splitForStream(text: string, tokens: number): StreamPiece[] {
  if (text.length === 0) return [];
  const headEnd = safeEnd(text, Math.max(1, truncateToTokens(text, firstPieceTokens).length));
  const head = text.slice(0, headEnd);
  const rest = text.slice(headEnd);
  if (rest.length === 0) return [{ text, tokens }];
  const headTokens = Math.min(tokens, countTokens(head));
  const restTokens = tokens - headTokens;
  const count = Math.min(maxLaterPieces, Math.max(1, Math.ceil(restTokens / tokensPerPiece)), rest.length);
  const pieces: StreamPiece[] = [{ text: head, tokens: headTokens }];
  let start = 0;
  for (let index = 1; index <= count; index += 1) {
    const end = index === count ? rest.length : safeEnd(rest, Math.round((rest.length * index) / count));
    if (end > start) pieces.push({ text: rest.slice(start, end), tokens: (restTokens * (end - start)) / rest.length });
    start = end;
  }
  return pieces;
}
