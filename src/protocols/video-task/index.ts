import { classifyHttpFailureByResponseDate } from '../http-errors.js';
import { buildVideoPoll } from './build-poll.js';
import { buildVideoSubmit } from './build-submit.js';
import { parseVideoPoll } from './parse-poll.js';
import { parseVideoSubmit } from './parse-submit.js';
import type { VideoTaskCodec } from './types.js';
import { validateVideoSubmit } from './validate.js';

/**
 * The Seedance video-task codec for `/v1/videos` (video-tasks.md). Errors before a
 * task exists arrive in the task envelope `{code,message,data}` or the OpenAI one;
 * both are read by `http-errors.ts`, with absolute retry hints measured from the
 * response's `date` header because codecs do not read the clock.
 */
export const videoTaskCodec: VideoTaskCodec = {
  format: 'video-task',
  validate: validateVideoSubmit,
  buildSubmit: buildVideoSubmit,
  parseSubmit: parseVideoSubmit,
  buildPoll: buildVideoPoll,
  parsePoll: parseVideoPoll,
  classifyError: classifyHttpFailureByResponseDate,
};

export { buildVideoPoll } from './build-poll.js';
export { buildVideoSubmit } from './build-submit.js';
export { convertVideoUsage } from './convert-usage.js';
export { classifyVideoStatus, type VideoStatusClass } from './map-status.js';
export { parseVideoPoll } from './parse-poll.js';
export { parseVideoSubmit } from './parse-submit.js';
export {
  defaultVideoPaths,
  fillTaskId,
  generationsVideoPaths,
  resolveVideoPaths,
  validateVideoPaths,
} from './paths.js';
export { taskFailure } from './task-failure.js';
export type * from './types.js';
export {
  extraMetadataKeys,
  maxVideoImages,
  maxVideoSeconds,
  minVideoSeconds,
  validateVideoInput,
  validateVideoParams,
  validateVideoSubmit,
  videoImageRoles,
  videoRatios,
  videoResolutions,
} from './validate.js';
