/** One part of a multi-part message, in the OpenAI chat shape that datasets use. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: string } }
  | { type: 'audio_url'; audio_url: { url: string } }
  | { type: 'video_url'; video_url: { url: string } };

/** A chat message as it appears in a dataset and in a protocol-neutral call. */
export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string | ContentPart[];
}
