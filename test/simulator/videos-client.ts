import { request } from 'undici';
import {
  videoTaskCodec,
  type VideoHandle,
  type VideoInput,
  type VideoParams,
  type VideoPaths,
  type VideoPollResult,
} from '../../src/protocols/video-task/index.js';
import { failed, type Failure, type Outcome, type WireRequest } from '../../src/protocols/types.js';
import { outcomeValue } from '../helpers/outcome.js';
import type { SimulatorHandle } from '../../src/simulator/server.js';

/** One exchange with the simulator: status, parsed body (or raw text) and the codec's reading. */
export interface Exchange<T> {
  status: number;
  text: string;
  /** The codec's reading: its value, or the failure. */
  result: T | Failure;
  /** True when the codec read a value, not a failure. */
  ok: boolean;
}

function exchange<T>(reply: { status: number; text: string }, outcome: Outcome<T>): Exchange<T> {
  return { status: reply.status, text: reply.text, result: outcomeValue(outcome), ok: outcome.ok };
}

async function send(
  wire: WireRequest,
  key: string | null,
): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...wire.headers };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const response = await request(wire.url, {
    method: wire.method,
    headers,
    body: wire.body === undefined ? undefined : JSON.stringify(wire.body),
  });
  return { status: response.statusCode, text: await response.body.text(), headers: response.headers };
}

/** Submits through the codec, as the runner would. */
export async function submitVideo(
  simulator: SimulatorHandle,
  options: {
    input: VideoInput;
    model?: string;
    params?: VideoParams;
    paths?: Partial<VideoPaths>;
    key?: string | null;
  },
): Promise<Exchange<{ handle: VideoHandle }>> {
  const model = options.model ?? 'doubao-seedance-1-0-lite-i2v-250428';
  const wire = videoTaskCodec.buildSubmit({
    input: options.input,
    model,
    params: options.params ?? {},
    endpoint: { baseUrl: simulator.baseUrl, auth: 'bearer' },
    paths: options.paths,
  });
  const reply = await send(wire, options.key === undefined ? simulator.apiKey : options.key);
  const outcome =
    reply.status === 200
      ? videoTaskCodec.parseSubmit({ body: JSON.parse(reply.text), model, paths: options.paths })
      : failed(
          videoTaskCodec.classifyError({ status: reply.status, headers: reply.headers as never, bodyText: reply.text }),
        );
  return exchange(reply, outcome);
}

/** Polls once through the codec. */
export async function pollVideo(
  simulator: SimulatorHandle,
  options: { handle: VideoHandle; paths?: Partial<VideoPaths>; key?: string | null },
): Promise<Exchange<VideoPollResult>> {
  const wire = videoTaskCodec.buildPoll({
    handle: options.handle,
    endpoint: { baseUrl: simulator.baseUrl, auth: 'bearer' },
    paths: options.paths,
  });
  let reply: { status: number; text: string; headers: Record<string, unknown> };
  try {
    reply = await send(wire, options.key === undefined ? simulator.apiKey : options.key);
  } catch (error) {
    const failure: Failure = {
      kind: 'transient',
      message: String(error),
      status: null,
      code: null,
      retryAfterMs: null,
    };
    return exchange({ status: 0, text: String(error) }, failed(failure));
  }
  const outcome =
    reply.status === 200
      ? videoTaskCodec.parsePoll(JSON.parse(reply.text))
      : failed(
          videoTaskCodec.classifyError({ status: reply.status, headers: reply.headers as never, bodyText: reply.text }),
        );
  return exchange(reply, outcome);
}

/** The handle of a successful submit (throws otherwise). */
export function handleOf(exchange: Exchange<{ handle: VideoHandle }>): VideoHandle {
  if (!exchange.ok) throw new Error(`submit failed: ${exchange.text}`);
  return (exchange.result as { handle: VideoHandle }).handle;
}

/** Polls until the codec reports a terminal state, at most `limit` times; returns every reading. */
export async function pollUntilDone(
  simulator: SimulatorHandle,
  options: { handle: VideoHandle; paths?: Partial<VideoPaths>; limit?: number },
): Promise<Array<VideoPollResult | Failure>> {
  const readings: Array<VideoPollResult | Failure> = [];
  for (let attempt = 0; attempt < (options.limit ?? 20); attempt += 1) {
    const { result } = await pollVideo(simulator, options);
    readings.push(result);
    if ('state' in result && result.state !== 'pending') break;
  }
  return readings;
}

/** Top-level ISO-BMFF boxes of a file: type and size, checking that they tile the file exactly. */
export function topLevelBoxes(bytes: Buffer): Array<{ type: string; size: number; payload: Buffer }> {
  const boxes: Array<{ type: string; size: number; payload: Buffer }> = [];
  let offset = 0;
  while (offset < bytes.length) {
    const size = bytes.readUInt32BE(offset);
    if (size < 8 || offset + size > bytes.length) throw new Error(`bad box at ${offset}`);
    boxes.push({
      type: bytes.toString('latin1', offset + 4, offset + 8),
      size,
      payload: bytes.subarray(offset + 8, offset + size),
    });
    offset += size;
  }
  return boxes;
}
