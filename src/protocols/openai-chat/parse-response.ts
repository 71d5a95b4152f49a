import { classifyErrorPayload } from '../http-errors.js';
import { failed, succeeded, type Completion, type Outcome, type ParseContext } from '../types.js';
import { assembleCompletion } from './assemble-completion.js';
import { contentText, isRecord, reasoningText, stringOrNull } from './json-values.js';

/**
 * Parses a 2xx chat-completions JSON body. The first choice is the answer. A body
 * carrying a top-level `error` object is a Failure classified by its code (transient
 * when the code says nothing); a body without choices is a transient (malformed) Failure.
 */
export function parseChatResponse(body: unknown, context: ParseContext): Outcome<Completion> {
  if (isRecord(body) && body.error !== undefined && body.error !== null) {
    return failed(
      classifyErrorPayload({ payload: body, label: 'error object in a 2xx response', fallbackKind: 'transient' }),
    );
  }
  const choices = isRecord(body) ? body.choices : undefined;
  if (!isRecord(body) || !Array.isArray(choices) || choices.length === 0) {
    return failed({
      kind: 'transient',
      message: 'malformed chat response: no choices',
      status: null,
      code: null,
      retryAfterMs: null,
    });
  }
  const choice: unknown = choices[0];
  const message = isRecord(choice) && isRecord(choice.message) ? choice.message : {};
  const completion = assembleCompletion({
    pieces: {
      content: contentText(message.content),
      reasoning: reasoningText(message),
      usage: body.usage,
      finishReason: isRecord(choice) ? choice.finish_reason : null,
      model: stringOrNull(body.model),
      id: stringOrNull(body.id),
      systemFingerprint: stringOrNull(body.system_fingerprint),
    },
    vendor: context.vendor,
  });
  return succeeded(completion);
}
