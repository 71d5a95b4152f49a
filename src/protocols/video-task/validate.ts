import type { VideoImage, VideoImageRole, VideoInput, VideoParams, VideoRatio, VideoResolution } from './types.js';

/** Values and limits Ark documents for Seedance (video-tasks.md §1.3). */
export const videoResolutions: readonly VideoResolution[] = ['480p', '720p', '1080p'];
export const videoRatios: readonly VideoRatio[] = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'];
export const videoImageRoles: readonly VideoImageRole[] = ['first_frame', 'last_frame', 'reference_image'];
export const minVideoSeconds = 2;
export const maxVideoSeconds = 12;
/** Ark takes at most four reference images; frame roles take at most two. */
export const maxVideoImages = 4;
const maxSeed = 4_294_967_295;

/** Ark keys `extra` may add to `metadata` (video-tasks.md §1.2), minus those a typed parameter covers. */
export const extraMetadataKeys: readonly string[] = [
  'frames',
  'generate_audio',
  'return_last_frame',
  'draft',
  'service_tier',
  'execution_expires_after',
  'callback_url',
  'tools',
  'safety_identifier',
  'priority',
  'content',
];

/** Ark keys a typed parameter sets, with that parameter's name. */
const typedKeys: Record<string, keyof VideoParams> = {
  resolution: 'resolution',
  ratio: 'ratio',
  duration: 'duration',
  seed: 'seed',
  watermark: 'watermark',
  camera_fixed: 'cameraFixed',
};

/** Legacy prompt flags (video-tasks.md §1.3) and the parameter each one duplicates. */
const promptFlags: Record<string, keyof VideoParams | null> = {
  rs: 'resolution',
  resolution: 'resolution',
  rt: 'ratio',
  ratio: 'ratio',
  dur: 'duration',
  duration: 'duration',
  fps: null,
  wm: 'watermark',
  watermark: 'watermark',
  seed: 'seed',
  cf: 'cameraFixed',
  camerafixed: 'cameraFixed',
};

/**
 * Problems with generation parameters, each starting with the parameter's name
 * (`duration: …`), so the caller can name the flag or config key. Empty when fine.
 */
export function validateVideoParams(params: VideoParams): string[] {
  const problems: string[] = [];
  const { duration, resolution, ratio, seed, extra } = params;
  if (
    duration !== undefined &&
    (!Number.isInteger(duration) || duration < minVideoSeconds || duration > maxVideoSeconds)
  ) {
    problems.push(
      `duration: must be a whole number of seconds from ${minVideoSeconds} to ${maxVideoSeconds}, got ${show(duration)}`,
    );
  }
  if (resolution !== undefined && !videoResolutions.includes(resolution)) {
    problems.push(`resolution: must be one of ${videoResolutions.join(', ')}, got ${show(resolution)}`);
  }
  if (ratio !== undefined && !videoRatios.includes(ratio))
    problems.push(`ratio: must be one of ${videoRatios.join(', ')}, got ${show(ratio)}`);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < -1 || seed > maxSeed)) {
    problems.push(`seed: must be an integer from -1 (random) to ${maxSeed}, got ${show(seed)}`);
  }
  for (const key of ['watermark', 'cameraFixed'] as const) {
    if (params[key] !== undefined && typeof params[key] !== 'boolean')
      problems.push(`${key}: must be true or false, got ${show(params[key])}`);
  }
  if (extra !== undefined) problems.push(...validateExtra(extra, params));
  return problems;
}

function validateExtra(extra: Record<string, unknown>, params: VideoParams): string[] {
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra))
    return [`extra: must be an object of Ark metadata keys, got ${show(extra)}`];
  const problems: string[] = [];
  for (const key of Object.keys(extra)) {
    const typed = typedKeys[key];
    if (typed !== undefined) problems.push(`extra.${key}: set it with the ${typed} parameter instead`);
    // The gateway silently drops keys Ark does not know (video-tasks.md §6 item 8), so a typo would go unnoticed.
    else if (!extraMetadataKeys.includes(key))
      problems.push(`extra.${key}: not an Ark video key; known keys: ${extraMetadataKeys.join(', ')}`);
  }
  const frames = extra.frames;
  if (frames !== undefined && (!Number.isInteger(frames) || (frames as number) <= 0))
    problems.push(`extra.frames: must be a positive integer, got ${show(frames)}`);
  if (frames !== undefined && params.duration !== undefined)
    problems.push('extra.frames: give either duration or frames, not both (they describe the same length)');
  if (extra.content !== undefined && !Array.isArray(extra.content))
    problems.push(`extra.content: must be an Ark content array, got ${show(extra.content)}`);
  return problems;
}

/** Problems with one row's prompt and images (roles, count, URLs). Empty when fine. */
export function validateVideoInput(input: VideoInput): string[] {
  const problems: string[] = [];
  if (typeof input.prompt !== 'string' || input.prompt.trim() === '') problems.push('prompt: must be a non-empty text');
  const images = input.images;
  if (images.length > maxVideoImages)
    problems.push(`images: at most ${maxVideoImages} images are allowed, got ${images.length}`);
  images.forEach((image, index) => {
    if (typeof image.url !== 'string' || !/^(https?:\/\/|data:image\/)/i.test(image.url)) {
      problems.push(`images[${index}].url: must be an http(s) URL or a data:image/ URI, got ${show(image.url)}`);
    }
    if (image.role !== undefined && !videoImageRoles.includes(image.role)) {
      problems.push(`images[${index}].role: must be one of ${videoImageRoles.join(', ')}, got ${show(image.role)}`);
    }
  });
  problems.push(...roleProblems(images));
  return problems;
}

/** Ark's role rules: one first and one last frame (last needs first), or reference images alone (video-tasks.md §1.2). */
function roleProblems(images: readonly VideoImage[]): string[] {
  const roles = images.map((image) => image.role);
  const count = (role: VideoImageRole): number => roles.filter((value) => value === role).length;
  const problems: string[] = [];
  if (images.length > 1 && roles.some((role) => role === undefined)) {
    problems.push(
      'images: with more than one image every image needs a role (first_frame + last_frame, or reference_image)',
    );
  }
  if (count('first_frame') > 1) problems.push('images: at most one first_frame');
  if (count('last_frame') > 1) problems.push('images: at most one last_frame');
  if (count('last_frame') > 0 && count('first_frame') === 0) problems.push('images: a last_frame needs a first_frame');
  if (count('reference_image') > 0 && count('first_frame') + count('last_frame') > 0) {
    problems.push('images: reference_image cannot be mixed with first_frame or last_frame');
  }
  return problems;
}

/**
 * Every problem with a submit: the input, the parameters, a `metadata.content`
 * that would silently replace the row's images, and legacy prompt flags that
 * duplicate a parameter (video-tasks.md §1.3: do not mix them).
 */
export function validateVideoSubmit(options: { input: VideoInput; params: VideoParams }): string[] {
  const { input, params } = options;
  const problems = [...validateVideoInput(input), ...validateVideoParams(params)];
  if (params.extra?.content !== undefined && input.images.length > 0) {
    problems.push("extra.content: replaces the row's images on the gateway; give images or extra.content, not both");
  }
  if (typeof input.prompt === 'string') {
    for (const match of input.prompt.matchAll(/(?:^|\s)--([a-z]+)\b/gi)) {
      const flag = match[1].toLowerCase();
      const param = promptFlags[flag];
      if (param && params[param] !== undefined)
        problems.push(`${param}: also given as --${flag} in the prompt; use one or the other`);
    }
  }
  return problems;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
}
