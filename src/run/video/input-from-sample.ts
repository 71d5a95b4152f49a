import type { Sample } from '../../dataset/sample.js';
import type { VideoImage, VideoImageRole, VideoInput } from '../../protocols/video-task/types.js';
import type { ContentPart } from '../../types/chat-message.js';

/** A role as a dataset may spell it; `reference` is short for Ark's `reference_image`. Unknown values pass through for validation to report. */
function roleOf(value: unknown): VideoImageRole | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return (value === 'reference' ? 'reference_image' : value) as VideoImageRole;
}

/** Image URLs in `vars` columns named after their role. */
function imagesFromVars(vars: Record<string, unknown>): VideoImage[] {
  const images: VideoImage[] = [];
  for (const [column, role] of [
    ['first_frame', 'first_frame'],
    ['last_frame', 'last_frame'],
    ['reference_image', 'reference_image'],
    ['reference_images', 'reference_image'],
  ] as const) {
    const value = vars[column];
    const urls = Array.isArray(value) ? value : [value];
    for (const url of urls) if (typeof url === 'string' && url.trim() !== '') images.push({ url: url.trim(), role });
  }
  return images;
}

/** An `image_url` part as an image; the role may sit on the part (Ark's item form) or inside `image_url`. */
function imageOf(part: ContentPart): VideoImage | null {
  if (part.type !== 'image_url') return null;
  // Datasets may add a `role` the chat shape does not declare, on the part or inside `image_url`.
  const extra = part as { role?: unknown; image_url: { role?: unknown } };
  const role = roleOf(extra.role) ?? roleOf(extra.image_url.role);
  return role === undefined ? { url: part.image_url.url } : { url: part.image_url.url, role };
}

/**
 * The video input of a dataset row. A text input is the prompt. A messages input gives
 * the text parts of its user messages (joined by newlines) as the prompt and its
 * `image_url` parts as images, with a `role` key on the part when present. Columns
 * `first_frame`, `last_frame`, `reference_image` / `reference_images` add images with
 * that role after them. Nothing is checked here: call `validateVideoSubmit` next.
 */
export function videoInputFromSample(sample: Pick<Sample, 'input' | 'vars'>): VideoInput {
  const images: VideoImage[] = [];
  let prompt: string;
  if (typeof sample.input === 'string') {
    prompt = sample.input;
  } else {
    const texts: string[] = [];
    for (const message of sample.input.filter((item) => item.role === 'user')) {
      if (typeof message.content === 'string') {
        texts.push(message.content);
        continue;
      }
      for (const part of message.content) {
        if (part.type === 'text') texts.push(part.text);
        const image = imageOf(part);
        if (image) images.push(image);
      }
    }
    prompt = texts.join('\n');
  }
  images.push(...imagesFromVars(sample.vars));
  return { prompt, images };
}
