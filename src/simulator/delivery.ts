import type { FaultName } from './faults.js';
import { commonHeaders, sendBody } from './http-reply.js';
import type { Timing } from './latency.js';
import type { RouteContext } from './route-context.js';

/** Default silence of a `stall` fault. */
export const defaultStallMs = 30_000;

/** One server-sent event, ready to write, with the tokens it carries (for pacing). */
export interface StreamFrame {
  text: string;
  tokens: number;
}

/** Faults that spoil a response after a 200 status line. */
export type BodyFault = Extract<FaultName, 'truncatedStream' | 'malformedJson' | 'stall' | 'inStreamError'>;

/** True for the faults `deliverJson` and `deliverStream` act out. */
export function isBodyFault(fault: FaultName | null): fault is BodyFault {
  return fault === 'truncatedStream' || fault === 'malformedJson' || fault === 'stall' || fault === 'inStreamError';
}

function gone(context: RouteContext): boolean {
  return context.response.destroyed || context.request.socket.destroyed;
}

function cutAfter(context: RouteContext, text: string): void {
  const cut = () => context.response.socket?.destroy();
  if (text) context.response.write(text, cut);
  else cut();
}

/**
 * Sends a non-streamed JSON answer after `delayMs`, acting out a body fault:
 * half the body then a cut, invalid JSON, headers then silence, or a 200 error object.
 */
export async function deliverJson(
  context: RouteContext,
  delivery: { body: string; delayMs: number; fault: BodyFault | null; errorBody: string },
): Promise<void> {
  const { response, state } = context;
  await state.scheduler.sleep(delivery.delayMs);
  if (gone(context)) return;
  const json = { status: 200, contentType: 'application/json' };
  switch (delivery.fault) {
    case 'truncatedStream':
      response.writeHead(200, {
        ...commonHeaders(context.requestId),
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(delivery.body),
      });
      cutAfter(context, delivery.body.slice(0, Math.floor(delivery.body.length / 2)));
      return;
    case 'malformedJson':
      sendBody(context, {
        ...json,
        body: `${delivery.body.slice(0, Math.floor(delivery.body.length / 2))}<!-- upstream closed`,
      });
      return;
    case 'stall':
      response.writeHead(200, { ...commonHeaders(context.requestId), 'Content-Type': 'application/json' });
      response.flushHeaders();
      await state.scheduler.sleep(state.faults.current.stallMs ?? defaultStallMs);
      if (!gone(context)) response.end();
      return;
    case 'inStreamError':
      sendBody(context, { ...json, body: delivery.errorBody });
      return;
    default:
      sendBody(context, { ...json, body: delivery.body });
  }
}

function spoil(
  frames: readonly StreamFrame[],
  fault: BodyFault | null,
  garbage: string,
  error: string,
): { frames: StreamFrame[]; ending: 'end' | 'cut' | 'stall' } {
  const middle = Math.max(1, Math.floor(frames.length / 2));
  switch (fault) {
    case 'truncatedStream':
      return { frames: frames.slice(0, middle), ending: 'cut' };
    case 'inStreamError':
      return { frames: [...frames.slice(0, middle), { text: error, tokens: 0 }], ending: 'end' };
    case 'malformedJson':
      return {
        frames: [...frames.slice(0, middle), { text: garbage, tokens: 0 }, ...frames.slice(middle)],
        ending: 'end',
      };
    case 'stall':
      return { frames: frames.slice(0, 1), ending: 'stall' };
    default:
      return { frames: [...frames], ending: 'end' };
  }
}

/**
 * Plays a server-sent-event stream: `preamble` with the headers; the frames up
 * to the first one carrying tokens together after the time to first token (that
 * frame's own tokens are part of it); each later frame after its tokens times
 * `msPerToken`; and the body fault acted out (cut socket, error event, garbage
 * event, or silence). Frames closer than a millisecond go out in one write.
 */
export async function deliverStream(
  context: RouteContext,
  delivery: {
    frames: readonly StreamFrame[];
    preamble: string;
    timing: Timing;
    fault: BodyFault | null;
    garbageFrame: string;
    errorFrame: string;
  },
): Promise<void> {
  const { response, state } = context;
  const { frames, ending } = spoil(delivery.frames, delivery.fault, delivery.garbageFrame, delivery.errorFrame);
  response.writeHead(200, {
    ...commonHeaders(context.requestId),
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  if (delivery.preamble) response.write(delivery.preamble);
  else response.flushHeaders();
  const firstTokens = Math.max(
    0,
    frames.findIndex((frame) => frame.tokens > 0),
  );
  let pending = '';
  for (let index = 0; index < frames.length; index += 1) {
    const delay =
      index < firstTokens
        ? 0
        : index === firstTokens
          ? delivery.timing.ttftMs
          : frames[index].tokens * delivery.timing.msPerToken;
    if (delay >= 1) {
      if (pending) response.write(pending);
      pending = '';
      await state.scheduler.sleep(delay);
      if (gone(context)) return;
    }
    pending += frames[index].text;
  }
  if (ending === 'cut') {
    cutAfter(context, pending);
    return;
  }
  if (pending) response.write(pending);
  if (ending === 'stall') {
    await state.scheduler.sleep(state.faults.current.stallMs ?? defaultStallMs);
    if (gone(context)) return;
  }
  response.end();
}
