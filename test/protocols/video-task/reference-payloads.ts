/**
 * Example payloads reproduced from the shared protocol notes, video-tasks.md
 * (each constant names its section). Long URLs are kept as the notes print them.
 */

/** video-tasks.md §1.1 — the body shown on the mixrouter submit page. */
export const mixrouterSubmitBody = {
  model: 'doubao-seedance-1-0-lite-i2v-250428',
  prompt: '让图中的人物,很自然地走动起来',
  images: [
    'https://ark-project.tos-cn-beijing.volces.com/doc_image/seepro_first_frame.jpeg',
    'https://ark-project.tos-cn-beijing.volces.com/doc_image/seepro_last_frame.jpeg',
  ],
  duration: 10,
  metadata: {
    image_role: 'reference_image',
    resolution: '720p',
    ratio: '16:9',
    frames: 241,
    seed: -1,
    camerafixed: false,
    watermark: false,
  },
};

/** video-tasks.md §1.2 — the recommended body (explicit roles, Ark key names). */
export const recommendedSubmitBody = {
  model: 'doubao-seedance-1-0-lite-i2v-250428',
  prompt: '让图中的人物,很自然地走动起来',
  duration: 5,
  metadata: {
    resolution: '720p',
    ratio: '16:9',
    seed: -1,
    camera_fixed: false,
    watermark: false,
    content: [
      {
        type: 'image_url',
        image_url: { url: 'https://ark-project.tos-cn-beijing.volces.com/doc_image/seepro_first_frame.jpeg' },
        role: 'first_frame',
      },
      {
        type: 'image_url',
        image_url: { url: 'https://ark-project.tos-cn-beijing.volces.com/doc_image/seepro_last_frame.jpeg' },
        role: 'last_frame',
      },
    ],
  },
};

/** video-tasks.md §1.4 — the submit response. */
export const submitResponse = {
  id: 'task_8kTq2ZrXbYw3mN1p',
  task_id: 'task_8kTq2ZrXbYw3mN1p',
  object: 'video',
  model: 'doubao-seedance-1-0-lite-i2v-250428',
  status: 'queued',
  progress: 0,
  created_at: 1766980000,
};

/** video-tasks.md §2 — poll, in progress. */
export const pollInProgress = {
  id: 'task_8kTq2ZrXbYw3mN1p',
  task_id: 'task_8kTq2ZrXbYw3mN1p',
  object: 'video',
  model: 'doubao-seedance-1-0-lite-i2v-250428',
  status: 'in_progress',
  progress: 50,
  created_at: 1766980000,
  completed_at: 1766980031,
  metadata: { url: '' },
};

/** video-tasks.md §2 — poll, succeeded. */
export const pollSucceeded = {
  id: 'task_8kTq2ZrXbYw3mN1p',
  task_id: 'task_8kTq2ZrXbYw3mN1p',
  object: 'video',
  model: 'doubao-seedance-1-0-lite-i2v-250428',
  status: 'completed',
  progress: 100,
  created_at: 1766980000,
  completed_at: 1766980112,
  metadata: {
    url: 'https://ark-content-generation-cn-beijing.tos-cn-beijing.volces.com/…/video.mp4?X-Tos-Signature=…',
  },
};

/** video-tasks.md §2 — poll, failed. */
export const pollFailed = {
  id: 'task_8kTq2ZrXbYw3mN1p',
  task_id: 'task_8kTq2ZrXbYw3mN1p',
  object: 'video',
  model: 'doubao-seedance-1-0-lite-i2v-250428',
  status: 'failed',
  progress: 100,
  created_at: 1766980000,
  completed_at: 1766980020,
  metadata: { url: '' },
  error: {
    message: 'The request failed because the input image may contain sensitive information.',
    code: 'InputImageSensitiveContentDetected',
  },
};

/** video-tasks.md §2.2 — the task record of `GET /v1/video/generations/{task_id}`. */
export const taskRecordSucceeded = {
  code: 'success',
  message: '',
  data: {
    task_id: 'task_8kTq2ZrXbYw3mN1p',
    action: 'generate',
    status: 'SUCCESS',
    fail_reason: '',
    submit_time: 1766980000,
    start_time: 1766980005,
    finish_time: 1766980112,
    progress: '100%',
    data: {
      id: 'cgt-20251229093443-abcde',
      model: 'doubao-seedance-1-0-lite-i2v-250428',
      status: 'succeeded',
      content: { video_url: 'https://…/video.mp4' },
      usage: { completion_tokens: 108900, total_tokens: 108900 },
      created_at: 1766980001,
      updated_at: 1766980110,
      seed: 58214,
      resolution: '720p',
      ratio: '16:9',
      duration: 5,
      framespersecond: 24,
    },
  },
};

/** video-tasks.md §2.3 — Ark's own task object. */
export const arkTask = {
  id: 'cgt-20250918170909-j7gxl',
  model: 'doubao-seedance-1-0-lite-i2v-250428',
  status: 'succeeded',
  content: { video_url: 'https://…/video.mp4', last_frame_url: 'https://…/last.png' },
  usage: { completion_tokens: 108900, total_tokens: 108900 },
  error: null,
  created_at: 1758186549,
  updated_at: 1758186610,
  seed: 58214,
  resolution: '720p',
  ratio: '16:9',
  duration: 5,
  framespersecond: 24,
  service_tier: 'default',
};

/** video-tasks.md §5 — a task-error body before a task exists. */
export const taskErrorBody = { code: 'invalid_request', message: '<reason>', data: null };

/** video-tasks.md §5 — polling an unknown id (HTTP 400). */
export const taskNotExistBody = { code: 'task_not_exist', message: 'task_not_exist', data: null };

/** models-and-errors.md §3 — the OpenAI envelope some builds use for auth failures on the task routes. */
export const invalidKeyBody = {
  error: { message: '无效的令牌 (request id: 20251229093443380697337aBcDeFgH)', type: 'new_api_error', code: '' },
};
