import type { ModelTarget } from '../settings/model-target.js';

/** Body fields that carry the prompt rather than a setting, per wire format. */
const PROMPT_FIELDS = new Set([
  'messages',
  'input',
  'contents',
  'systemInstruction',
  'system',
  'instructions',
  'content',
  'prompt',
]);

/** A one-line prompt standing in for every row: settings do not depend on it. */
const PLACEHOLDER = 'placeholder';

/**
 * What a target's requests carry besides the prompt, as its codec builds them, and
 * the codec's notes on what it changed of the call to do so. Printed once per model
 * before a run and recorded in run.json, so a setting the wire could not take is
 * never dropped in silence.
 */
export function effectiveRequest(target: ModelTarget): { request: Record<string, unknown>; notes: string[] } {
  const wire =
    target.format === 'video-task'
      ? target.video.codec.buildSubmit({
          input: { prompt: PLACEHOLDER, images: [] },
          model: target.modelId,
          params: target.video.params,
          endpoint: target.endpoint,
          paths: target.video.paths,
        })
      : target.codec.buildRequest({
          call: {
            model: target.modelId,
            vendor: target.vendor,
            messages: [{ role: 'user', content: PLACEHOLDER }],
            ...target.params,
          },
          endpoint: target.endpoint,
        });
  const body = (wire.body ?? {}) as Record<string, unknown>;
  const request = Object.fromEntries(Object.entries(body).filter(([field]) => !PROMPT_FIELDS.has(field)));
  return { request, notes: wire.notes ?? [] };
}
