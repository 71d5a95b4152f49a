import type { ChatMessage, ContentPart } from '../types.js';

/** A Gemini `Part` as this codec sends it (gemini-native.md §1). */
export type GeminiPart =
  | { text: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType: string; fileUri: string } };

/** A Gemini `Content`: one turn of the conversation. */
export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

/** Media types guessed from a URL's file extension, for `fileData`, which requires one. */
const mimeTypeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  mov: 'video/mov',
  webm: 'video/webm',
  pdf: 'application/pdf',
};

/** The media type assumed for each part kind when the URL's extension says nothing. */
const fallbackMimeType: Record<Exclude<ContentPart['type'], 'text'>, string> = {
  image_url: 'image/jpeg',
  audio_url: 'audio/mp3',
  video_url: 'video/mp4',
};

/** Splits a `data:` URL into its media type and base64 payload; null when it is not one. */
export function parseDataUrl(url: string): { mimeType: string; data: string } | null {
  const match = /^data:([^,]*?),(.*)$/s.exec(url);
  if (match === null) return null;
  const parameters = match[1].split(';');
  const isBase64 = parameters.some((parameter) => parameter.trim().toLowerCase() === 'base64');
  const mimeType = parameters[0].trim() === '' ? 'text/plain' : parameters[0].trim();
  // Gemini's inlineData takes base64 only, so a percent-encoded payload is re-encoded.
  const data = isBase64 ? match[2] : Buffer.from(percentDecode(match[2]), 'utf8').toString('base64');
  return { mimeType, data };
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The media type implied by a URL's file extension, or null. */
export function mimeTypeFromUrl(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    pathname = url.split(/[?#]/)[0];
  }
  const extension = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return extension !== undefined && Object.hasOwn(mimeTypeByExtension, extension)
    ? mimeTypeByExtension[extension]
    : null;
}

function mediaUrl(part: Exclude<ContentPart, { type: 'text' }>): string {
  if (part.type === 'image_url') return part.image_url.url;
  if (part.type === 'audio_url') return part.audio_url.url;
  return part.video_url.url;
}

/**
 * Converts one OpenAI-shaped content part: text → `{text}`; a media part with a `data:`
 * URL → `inlineData`; any other URL → `fileData {fileUri, mimeType}`, the media type
 * taken from the file extension, else a per-kind default (image/jpeg, audio/mp3, video/mp4).
 */
export function convertPart(part: ContentPart): GeminiPart {
  if (part.type === 'text') return { text: part.text };
  const url = mediaUrl(part);
  const inline = parseDataUrl(url);
  if (inline !== null) return { inlineData: inline };
  return { fileData: { mimeType: mimeTypeFromUrl(url) ?? fallbackMimeType[part.type], fileUri: url } };
}

/** Converts a message's content (a string or a list of parts) into Gemini parts. */
export function convertMessageParts(content: ChatMessage['content']): GeminiPart[] {
  return typeof content === 'string' ? [{ text: content }] : content.map(convertPart);
}

/**
 * Splits a conversation into Gemini's two places (gemini-native.md §1): `call.system`
 * followed by every `system`/`developer` message, in order, become the parts of
 * `systemInstruction` (null when there are none); `user` turns keep their role and
 * `assistant` turns become `model`, one Content per message, in order.
 */
export function convertConversation(options: { system: string | undefined; messages: ChatMessage[] }): {
  systemInstruction: { parts: GeminiPart[] } | null;
  contents: GeminiContent[];
} {
  const systemParts: GeminiPart[] = options.system === undefined ? [] : [{ text: options.system }];
  const contents: GeminiContent[] = [];
  for (const message of options.messages) {
    const parts = convertMessageParts(message.content);
    if (message.role === 'system' || message.role === 'developer') systemParts.push(...parts);
    else contents.push({ role: message.role === 'assistant' ? 'model' : 'user', parts });
  }
  return { systemInstruction: systemParts.length > 0 ? { parts: systemParts } : null, contents };
}
