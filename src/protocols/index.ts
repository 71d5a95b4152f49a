import { anthropicMessagesCodec } from './anthropic-messages/index.js';
import { geminiCodec } from './gemini/index.js';
import { openaiChatCodec } from './openai-chat/index.js';
import { openaiResponsesCodec } from './openai-responses/index.js';
import type { Codec, FormatName } from './types.js';

/** Generation formats with a request/response codec (video tasks have their own submit/poll codec). */
export type GenerationFormat = Exclude<FormatName, 'video-task'>;

const CODECS: Record<GenerationFormat, Codec> = {
  'openai-chat': openaiChatCodec,
  'openai-responses': openaiResponsesCodec,
  'anthropic-messages': anthropicMessagesCodec,
  gemini: geminiCodec,
};

/** The codec of a generation format. */
export function codecFor(format: GenerationFormat): Codec {
  return CODECS[format];
}
