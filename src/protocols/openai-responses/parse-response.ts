import { classifyErrorPayload } from '../http-errors.js';
import { isRecord } from '../json-values.js';
import { failed, succeeded, type Completion, type Failure, type Outcome, type ParseContext } from '../types.js';
import { assembleResponseCompletion } from './assemble-completion.js';
import { hasErrorValue, readResponse } from './read-response.js';

/**
 * Parses a 2xx `/v1/responses` JSON body (openai-responses.md §2). A body with an `error`
 * object, or with `status: "failed"`, is a Failure classified by the error's code
 * (transient when the code says nothing); when the body is a response object, what it
 * holds (text, usage) is kept in `partial` with finish reason `error`. A body that is not
 * a response (no `output` array and no `output_text`) is a transient, malformed Failure.
 * `status: "incomplete"` is a Completion with its finish reason (all budget spent on
 * reasoning leaves the text empty, §9 item 4). The context is not needed: this format's
 * usage and reasoning fields read the same for every vendor.
 */
export function parseResponsesResponse(body: unknown, _context: ParseContext): Outcome<Completion> {
  if (!isRecord(body)) return failed(malformed('body is not a JSON object'));
  const state = readResponse(body);
  const isResponseObject = Array.isArray(body.output) || body.object === 'response';
  if (hasErrorValue(body.error) || state.status === 'failed') {
    const label = state.status === 'failed' ? 'response failed' : 'error object in a 2xx response';
    const failure: Failure = hasErrorValue(body.error)
      ? classifyErrorPayload({ payload: { error: body.error }, label, fallbackKind: 'transient' })
      : {
          kind: 'transient',
          message: `${label} without an error object`,
          status: null,
          code: null,
          retryAfterMs: null,
        };
    if (!isResponseObject) return failed(failure);
    const partial = assembleResponseCompletion({
      pieces: { ...state, text: state.text ?? '' },
      finishReason: { unified: 'error', raw: state.status },
    });
    return failed({ ...failure, partial });
  }
  if (!Array.isArray(body.output) && state.text === null) return failed(malformed('no output array'));
  return succeeded(assembleResponseCompletion({ pieces: { ...state, text: state.text ?? '' } }));
}

function malformed(reason: string): Failure {
  return {
    kind: 'transient',
    message: `malformed responses body: ${reason}`,
    status: null,
    code: null,
    retryAfterMs: null,
  };
}
