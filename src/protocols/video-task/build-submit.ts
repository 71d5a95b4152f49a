import type { WireRequest } from '../types.js';
import { joinUrl, resolveVideoPaths } from './paths.js';
import type { BuildSubmitOptions, VideoImage, VideoParams } from './types.js';

/** One Ark content item for an image, with its role when it has one. */
function contentItem(image: VideoImage): Record<string, unknown> {
  const item: Record<string, unknown> = { type: 'image_url', image_url: { url: image.url } };
  if (image.role !== undefined) item.role = image.role;
  return item;
}

/** The `metadata` object: Ark key names for the typed parameters, then `extra`. */
function buildMetadata(params: VideoParams, images: readonly VideoImage[]): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (params.resolution !== undefined) metadata.resolution = params.resolution;
  if (params.ratio !== undefined) metadata.ratio = params.ratio;
  if (params.seed !== undefined) metadata.seed = params.seed;
  // Ark spells it camera_fixed; the mixrouter example's `camerafixed` is dropped by the gateway (video-tasks.md §1.2).
  if (params.cameraFixed !== undefined) metadata.camera_fixed = params.cameraFixed;
  if (params.watermark !== undefined) metadata.watermark = params.watermark;
  Object.assign(metadata, params.extra);
  // The gateway turns images[] into items without roles, so role-carrying images travel as metadata.content instead.
  if (images.some((image) => image.role !== undefined)) metadata.content = images.map(contentItem);
  return metadata;
}

/**
 * Builds `POST {baseUrl}{submitPath}` (default `/v1/videos`) with the gateway's
 * task-submit body (video-tasks.md §1.2, recommended form): `model`, `prompt`,
 * `duration` at the top level (it overrides `metadata.duration` on the gateway), and
 * `metadata` with Ark key names (`resolution`, `ratio`, `seed`, `camera_fixed`,
 * `watermark`, `extra` keys). Images go out as `metadata.content` items with their
 * roles when any image has a role, else as plain `images` URLs. Parameters are sent only
 * when set. Call `validateVideoSubmit` first: this function does not check values.
 */
export function buildVideoSubmit(options: BuildSubmitOptions): WireRequest {
  const { input, params, endpoint } = options;
  const body: Record<string, unknown> = { model: options.model, prompt: input.prompt };
  const metadata = buildMetadata(params, input.images);
  if (input.images.length > 0 && metadata.content === undefined) body.images = input.images.map((image) => image.url);
  if (params.duration !== undefined) body.duration = params.duration;
  if (Object.keys(metadata).length > 0) body.metadata = metadata;
  return {
    method: 'POST',
    url: joinUrl({ baseUrl: endpoint.baseUrl, path: resolveVideoPaths(options.paths).submitPath }),
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    stream: false,
  };
}
