import { ConfigError } from '../errors.js';
import { videoTaskCodec } from '../protocols/video-task/index.js';
import { validateVideoPaths } from '../protocols/video-task/paths.js';
import type { VideoParams, VideoPaths } from '../protocols/video-task/types.js';
import { validateVideoParams } from '../protocols/video-task/validate.js';
import type { VideoTargetSettings } from '../settings/model-target.js';
import type { EvalArgs } from './eval-args.js';

const FLAG_OF: Record<string, string> = {
  duration: '--video-duration',
  resolution: '--video-resolution',
  ratio: '--video-ratio',
  pollPath: '--video-poll-path',
};

/**
 * The codec, parameters and paths of the run's video targets, from the
 * `--video-*` flags, checked before anything is submitted: a bad value is a
 * ConfigError naming the flag.
 */
export function videoSettingsFromArgs(args: EvalArgs): VideoTargetSettings {
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
  return { codec: videoTaskCodec, params, paths };
}
