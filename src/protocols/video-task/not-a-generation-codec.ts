import type { Codec } from '../types.js';

function refuse(): never {
  throw new Error('video-task targets are sent by the video job runner with the video-task codec, not as generations');
}

/**
 * Stands in the `codec` slot of a video target, which every target has; the
 * runner sends video rows through `target.video.codec` instead, so calling
 * this is a bug and says so.
 */
export const notAGenerationCodec: Codec = {
  format: 'video-task',
  buildRequest: refuse,
  parseResponse: refuse,
  createStreamFolder: refuse,
  classifyError: refuse,
};
