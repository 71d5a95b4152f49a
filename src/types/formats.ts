/** The wire formats the mixrouter gateway speaks: the one list every other mention derives from. */
export const FORMATS = ['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini', 'video-task'] as const;

/** One of {@link FORMATS}. */
export type FormatName = (typeof FORMATS)[number];

/** The formats that generate text (every format but the video task API). */
export type GenerationFormat = Exclude<FormatName, 'video-task'>;
