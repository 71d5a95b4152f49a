import type { VideoRequestFacts } from './videos-tasks.js';

/** A submit body read into task facts, or the problem to answer with. */
export type VideoRequestReading = { ok: true; facts: VideoRequestFacts } | { ok: false; message: string; code: string };

const resolutions = ['480p', '720p', '1080p'];
const ratios = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Image URLs: `metadata.content` replaces `images[]`/`image` on the gateway (video-tasks.md §1.2). */
function imageUrlsOf(body: Record<string, unknown>, metadata: Record<string, unknown>): string[] {
  if (Array.isArray(metadata.content)) {
    return metadata.content
      .filter(
        (item): item is { image_url: { url: string } } =>
          isRecord(item) && isRecord(item.image_url) && typeof item.image_url.url === 'string',
      )
      .map((item) => item.image_url.url);
  }
  const images = Array.isArray(body.images) ? body.images.filter((url): url is string => typeof url === 'string') : [];
  return typeof body.image === 'string' && body.image !== '' ? [body.image, ...images] : images;
}

/** Top-level `duration`, else `seconds` (a string), else `metadata.duration`, else 5 (§1.2 item 3). */
function durationOf(body: Record<string, unknown>, metadata: Record<string, unknown>): unknown {
  if (typeof body.duration === 'number' && body.duration !== 0) return body.duration;
  if (typeof body.seconds === 'string' && body.seconds !== '') return Number(body.seconds);
  return metadata.duration ?? 5;
}

/**
 * Reads a task-submit body as the gateway and Ark would: `model` and `prompt` are
 * required (`invalid_request`); duration, resolution and ratio out of Ark's range are
 * Ark's `InvalidParameter`; unknown keys and unknown metadata keys are ignored (§6 item 8).
 */
export function readVideoRequest(body: Record<string, unknown>): VideoRequestReading {
  if (typeof body.model !== 'string' || body.model === '')
    return { ok: false, message: 'model is required', code: 'invalid_request' };
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '')
    return { ok: false, message: 'prompt is required', code: 'invalid_request' };
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  const duration = durationOf(body, metadata);
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 2 || duration > 12) {
    return {
      ok: false,
      message: `The parameter \`duration\` specified in the request is not valid: ${JSON.stringify(duration)}`,
      code: 'InvalidParameter',
    };
  }
  const resolution = metadata.resolution ?? '720p';
  if (typeof resolution !== 'string' || !resolutions.includes(resolution)) {
    return {
      ok: false,
      message: `The parameter \`resolution\` specified in the request is not valid: ${JSON.stringify(resolution)}`,
      code: 'InvalidParameter',
    };
  }
  const ratio = metadata.ratio ?? '16:9';
  if (typeof ratio !== 'string' || !ratios.includes(ratio)) {
    return {
      ok: false,
      message: `The parameter \`ratio\` specified in the request is not valid: ${JSON.stringify(ratio)}`,
      code: 'InvalidParameter',
    };
  }
  const seed = typeof metadata.seed === 'number' && Number.isInteger(metadata.seed) ? metadata.seed : -1;
  return {
    ok: true,
    facts: {
      model: body.model,
      prompt: body.prompt,
      imageUrls: imageUrlsOf(body, metadata),
      durationSeconds: duration,
      resolution,
      ratio,
      seed,
    },
  };
}
