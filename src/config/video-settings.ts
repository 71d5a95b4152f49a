import { ConfigError } from '../errors.js';
import { notAGenerationCodec } from '../protocols/video-task/not-a-generation-codec.js';
import { videoTaskCodec } from '../protocols/video-task/index.js';
import { validateVideoPaths } from '../protocols/video-task/paths.js';
import { validateVideoParams } from '../protocols/video-task/validate.js';
import type { VideoParams, VideoPaths } from '../protocols/video-task/types.js';
import type { ModelTarget } from '../run/target.js';
import type { EvalArgs } from './eval-args.js';

/** The codec slot of video targets for `resolveTargets` (video rows use `target.video.codec`). */
export const VIDEO_CODECS = { 'video-task': notAGenerationCodec } as const;

const FLAG_OF: Record<string, string> = {
  duration: '--video-duration',
  resolution: '--video-resolution',
  ratio: '--video-ratio',
  pollPath: '--video-poll-path',
};

/**
 * Gives every video target its codec, parameters and paths from the
 * `--video-*` flags, checked before anything is submitted: a bad value is a
 * ConfigError naming the flag.
 */
export function attachVideoSettings<T extends ModelTarget>(targets: T[], args: EvalArgs): T[] {
  if (!targets.some((target) => target.format === 'video-task')) return targets;
  const params: VideoParams = {
    ...(args.videoDuration !== undefined ? { duration: args.videoDuration } : {}),
    ...(args.videoResolution !== undefined ? { resolution: args.videoResolution as VideoParams['resolution'] } : {}),
    ...(args.videoRatio !== undefined ? { ratio: args.videoRatio as VideoParams['ratio'] } : {}),
  };
  const paths: Partial<VideoPaths> = args.videoPollPath !== undefined ? { pollPath: args.videoPollPath } : {};
  const problems = [...validateVideoParams(params), ...validateVideoPaths(paths)];
  if (problems.length > 0) {
    const named = problems.map((problem) => {
      const field = problem.split(':')[0].trim();
      return FLAG_OF[field] ? `${FLAG_OF[field]}: ${problem.slice(field.length + 1).trim()}` : problem;
    });
    throw new ConfigError(`Video settings are not valid, so nothing was submitted:\n  ${named.join('\n  ')}`);
  }
  return targets.map((target) =>
    target.format === 'video-task' ? { ...target, video: { codec: videoTaskCodec, params, paths } } : target,
  );
}
