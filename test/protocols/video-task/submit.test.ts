import { describe, expect, it } from 'vitest';
import {
  buildVideoSubmit,
  validateVideoInput,
  validateVideoParams,
  validateVideoSubmit,
  videoTaskCodec,
  type VideoInput,
} from '../../../src/protocols/video-task/index.js';
import { videoInputFromSample } from '../../../src/run/video/input-from-sample.js';
import type { Endpoint } from '../../../src/protocols/types.js';
import { mixrouterSubmitBody, recommendedSubmitBody } from './reference-payloads.js';

const endpoint: Endpoint = { baseUrl: 'http://127.0.0.1:9/v1/', auth: 'bearer' };
const firstFrame = recommendedSubmitBody.metadata.content[0].image_url.url;
const lastFrame = recommendedSubmitBody.metadata.content[1].image_url.url;

describe('buildSubmit', () => {
  it('builds the recommended body of video-tasks.md §1.2 from roles and typed parameters', () => {
    const wire = videoTaskCodec.buildSubmit({
      input: {
        prompt: recommendedSubmitBody.prompt,
        images: [
          { url: firstFrame, role: 'first_frame' },
          { url: lastFrame, role: 'last_frame' },
        ],
      },
      model: recommendedSubmitBody.model,
      params: { duration: 5, resolution: '720p', ratio: '16:9', seed: -1, cameraFixed: false, watermark: false },
      endpoint,
    });
    expect(wire).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:9/v1/videos',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: recommendedSubmitBody,
      stream: false,
    });
  });

  it('never sends the non-Ark keys of the mixrouter example (§1.1), nor both duration and frames', () => {
    const wire = buildVideoSubmit({
      input: {
        prompt: mixrouterSubmitBody.prompt,
        images: mixrouterSubmitBody.images.map((url) => ({ url })).slice(0, 1),
      },
      model: mixrouterSubmitBody.model,
      params: { duration: 10, resolution: '720p', ratio: '16:9', seed: -1, cameraFixed: false, watermark: false },
      endpoint,
    });
    const body = wire.body as Record<string, unknown> & { metadata: Record<string, unknown> };
    expect(body.images).toEqual([mixrouterSubmitBody.images[0]]);
    expect(body.duration).toBe(10);
    expect(body.metadata).toEqual({
      resolution: '720p',
      ratio: '16:9',
      seed: -1,
      camera_fixed: false,
      watermark: false,
    });
    expect(Object.keys(body.metadata)).not.toContain('image_role');
    expect(Object.keys(body.metadata)).not.toContain('camerafixed');
    expect(Object.keys(body.metadata)).not.toContain('frames');
  });

  it('sends a text-to-video body with only model and prompt when no parameter is set', () => {
    const wire = buildVideoSubmit({
      input: { prompt: 'A kitten yawning.', images: [] },
      model: 'doubao-seedance-1-0-lite-t2v-250428',
      params: {},
      endpoint,
    });
    expect(wire.body).toEqual({ model: 'doubao-seedance-1-0-lite-t2v-250428', prompt: 'A kitten yawning.' });
  });

  it('merges extra Ark keys into metadata and honours a configured submit path', () => {
    const wire = buildVideoSubmit({
      input: { prompt: 'p', images: [] },
      model: 'm',
      params: { resolution: '480p', extra: { generate_audio: true, service_tier: 'flex' } },
      endpoint: { baseUrl: 'http://127.0.0.1:9/v1', auth: 'bearer' },
      paths: { submitPath: '/video/generations' },
    });
    expect(wire.url).toBe('http://127.0.0.1:9/v1/video/generations');
    expect(wire.body).toEqual({
      model: 'm',
      prompt: 'p',
      metadata: { resolution: '480p', generate_audio: true, service_tier: 'flex' },
    });
  });
});

describe('parameter validation', () => {
  it('accepts every documented value', () => {
    for (const resolution of ['480p', '720p', '1080p'] as const)
      expect(validateVideoParams({ resolution })).toEqual([]);
    for (const ratio of ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'] as const)
      expect(validateVideoParams({ ratio })).toEqual([]);
    for (const duration of [2, 5, 10, 12]) expect(validateVideoParams({ duration })).toEqual([]);
    expect(validateVideoParams({ seed: -1, watermark: true, cameraFixed: false, extra: { frames: 121 } })).toEqual([]);
  });

  it.each([
    [{ resolution: '4k' }, /^resolution: must be one of 480p, 720p, 1080p, got "4k"$/],
    [{ ratio: '2:1' }, /^ratio: must be one of/],
    [{ duration: 1 }, /^duration: must be a whole number of seconds from 2 to 12, got 1$/],
    [{ duration: 13 }, /^duration: /],
    [{ duration: 5.5 }, /^duration: /],
    [{ seed: -2 }, /^seed: must be an integer from -1/],
    [{ seed: 1.5 }, /^seed: /],
    [{ watermark: 'yes' }, /^watermark: must be true or false/],
    [{ extra: { camerafixed: false } }, /^extra\.camerafixed: not an Ark video key/],
    [{ extra: { resolution: '720p' } }, /^extra\.resolution: set it with the resolution parameter instead$/],
    [{ extra: { camera_fixed: true } }, /^extra\.camera_fixed: set it with the cameraFixed parameter instead$/],
    [{ duration: 10, extra: { frames: 241 } }, /^extra\.frames: give either duration or frames/],
    [{ extra: { frames: 0 } }, /^extra\.frames: must be a positive integer/],
    [{ extra: { content: 'x' } }, /^extra\.content: must be an Ark content array/],
  ])('reports %j', (params, pattern) => {
    const problems = validateVideoParams(params as never);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });

  it('reports every problem at once', () => {
    expect(validateVideoParams({ resolution: '4k' as never, duration: 99, ratio: 'x' as never })).toHaveLength(3);
  });
});

describe('input validation', () => {
  const image = (role?: string): { url: string; role?: never } => ({
    url: firstFrame,
    ...(role ? { role: role as never } : {}),
  });
  const check = (images: Array<{ url: string; role?: never }>, prompt = 'p'): string[] =>
    validateVideoInput({ prompt, images });

  it('accepts text only, one image without a role, first+last frames and up to four reference images', () => {
    expect(check([])).toEqual([]);
    expect(check([image()])).toEqual([]);
    expect(check([image('first_frame'), image('last_frame')])).toEqual([]);
    expect(
      check([image('reference_image'), image('reference_image'), image('reference_image'), image('reference_image')]),
    ).toEqual([]);
    expect(check([{ url: 'data:image/png;base64,iVBORw0KGgo=' } as never])).toEqual([]);
  });

  it.each([
    [
      'an unknown role',
      [image('middle_frame')],
      /^images\[0\]\.role: must be one of first_frame, last_frame, reference_image, got "middle_frame"$/,
    ],
    [
      'more images than allowed',
      [1, 2, 3, 4, 5].map(() => image('reference_image')),
      /^images: at most 4 images are allowed, got 5$/,
    ],
    ['two images without roles', [image(), image()], /^images: with more than one image every image needs a role/],
    ['two first frames', [image('first_frame'), image('first_frame')], /^images: at most one first_frame$/],
    ['a last frame alone', [image('last_frame')], /^images: a last_frame needs a first_frame$/],
    [
      'frames mixed with references',
      [image('first_frame'), image('reference_image')],
      /^images: reference_image cannot be mixed/,
    ],
    [
      'a URL that is not one',
      [{ url: 'file.jpg' } as never],
      /^images\[0\]\.url: must be an http\(s\) URL or a data:image\/ URI/,
    ],
  ])('reports %s', (_name, images, pattern) => {
    const problems = check(images as never);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });

  it('requires a prompt', () => {
    expect(validateVideoInput({ prompt: '  ', images: [] })).toEqual(['prompt: must be a non-empty text']);
  });

  it('refuses prompt flags that duplicate a parameter (§1.3) and images together with extra.content', () => {
    const input: VideoInput = { prompt: 'A kitten yawning. --rs 720p --dur 5 --fps 24', images: [] };
    expect(validateVideoSubmit({ input, params: {} })).toEqual([]);
    expect(videoTaskCodec.validate({ input, params: { resolution: '720p', duration: 5 } })).toEqual([
      'resolution: also given as --rs in the prompt; use one or the other',
      'duration: also given as --dur in the prompt; use one or the other',
    ]);
    expect(
      validateVideoSubmit({ input: { prompt: 'p', images: [image()] }, params: { extra: { content: [] } } })[0],
    ).toMatch(/^extra\.content: replaces/);
  });
});

describe('videoInputFromSample', () => {
  it('uses a text input as the prompt and role columns as images', () => {
    expect(
      videoInputFromSample({
        input: 'walk',
        vars: { first_frame: firstFrame, last_frame: ` ${lastFrame} `, other: 'x' },
      }),
    ).toEqual({
      prompt: 'walk',
      images: [
        { url: firstFrame, role: 'first_frame' },
        { url: lastFrame, role: 'last_frame' },
      ],
    });
    expect(
      videoInputFromSample({ input: 'x', vars: { reference_images: ['https://a/1.png', 'https://a/2.png'] } }).images,
    ).toEqual([
      { url: 'https://a/1.png', role: 'reference_image' },
      { url: 'https://a/2.png', role: 'reference_image' },
    ]);
  });

  it('reads user text and image parts (role on the part, or short `reference`) from messages', () => {
    const input = [
      { role: 'system' as const, content: 'ignored' },
      {
        role: 'user' as const,
        content: [
          { type: 'text' as const, text: 'walk' },
          { type: 'image_url' as const, image_url: { url: firstFrame }, role: 'first_frame' },
          { type: 'image_url' as const, image_url: { url: 'https://a/r.png', role: 'reference' } },
        ],
      },
      { role: 'user' as const, content: 'slowly' },
    ];
    expect(videoInputFromSample({ input: input as never, vars: {} })).toEqual({
      prompt: 'walk\nslowly',
      images: [
        { url: firstFrame, role: 'first_frame' },
        { url: 'https://a/r.png', role: 'reference_image' },
      ],
    });
  });
});
