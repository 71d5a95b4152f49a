import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { splitForStream } from '../../src/simulator/stream-pieces.js';
import { countTokens } from '../../src/simulator/tokens.js';

let simulator: SimulatorHandle;

/** Nominal generation speed of the test models: 5 ms per token before jitter (which only scales by 0.75–1.25). */
const tokensPerSecond = 200;
const msPerToken = 1000 / tokensPerSecond;

beforeAll(async () => {
  simulator = await startSimulator({
    latencyScale: 1,
    profiles: {
      'pace-chat': { vendor: 'openai', ttftMs: 20, tokensPerSecond, reasoning: false },
      'pace-gemini': { vendor: 'gemini', ttftMs: 20, tokensPerSecond, reasoning: false, thinkingSwitch: false },
    },
  });
});
afterAll(async () => {
  await simulator.close();
});

const prompt = 'Write three paragraphs about the history of tea, its trade routes and how it is brewed.';

/** Reads a stream and stamps every event with the time its bytes arrived. */
async function timedEvents(options: {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}): Promise<Array<{ at: number; data: string }>> {
  const response = await request(`http://127.0.0.1:${simulator.port}${options.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(options.body),
  });
  expect(response.statusCode).toBe(200);
  const events: Array<{ at: number; data: string }> = [];
  let buffer = '';
  for await (const chunk of response.body) {
    const at = performance.now();
    buffer += Buffer.from(chunk as Uint8Array)
      .toString('utf8')
      .replace(/\r\n/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (event.startsWith('data: ')) events.push({ at, data: event.slice(6) });
    }
  }
  return events;
}

/** Checks the pacing of content frames: a small first frame, more frames after it, spread over the answer's tokens. */
function expectPaced(frames: Array<{ at: number; text: string }>, tokens: number): void {
  expect(tokens).toBeGreaterThanOrEqual(16);
  expect(frames.length).toBeGreaterThanOrEqual(2);
  const firstTokens = countTokens(frames[0].text);
  expect(firstTokens).toBeLessThanOrEqual(2);
  const planned = (tokens - firstTokens) * msPerToken;
  expect(frames[frames.length - 1].at - frames[0].at).toBeGreaterThan(0.5 * planned);
}

describe('stream pacing', () => {
  it('splits text into a one-token head and even batches that add up to the whole', () => {
    const text = 'word '.repeat(400);
    const pieces = splitForStream(text, 500);
    expect(countTokens(pieces[0].text)).toBe(1);
    expect(pieces.length).toBeGreaterThanOrEqual(10);
    expect(pieces.length).toBeLessThanOrEqual(30);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    expect(pieces.reduce((sum, piece) => sum + piece.tokens, 0)).toBeCloseTo(500, 6);
    expect(splitForStream('short answer here, about sixteen tokens or so long', 13).length).toBeGreaterThanOrEqual(2);
  });

  it('chat completions: the first content frame comes alone and the rest follows at the model speed', async () => {
    const events = await timedEvents({
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${simulator.apiKey}` },
      body: {
        model: 'pace-chat',
        messages: [{ role: 'user', content: prompt }],
        stream: true,
        stream_options: { include_usage: true },
      },
    });
    const chunks = events
      .filter((event) => event.data !== '[DONE]')
      .map((event) => ({ at: event.at, json: JSON.parse(event.data) }));
    const frames = chunks
      .map((chunk) => ({ at: chunk.at, text: chunk.json.choices[0]?.delta?.content as unknown }))
      .filter(
        (frame): frame is { at: number; text: string } => typeof frame.text === 'string' && frame.text.length > 0,
      );
    const usage = chunks[chunks.length - 1].json.usage as { completion_tokens: number };
    expectPaced(frames, usage.completion_tokens);
  });

  it('gemini streamGenerateContent: the same pacing', async () => {
    const events = await timedEvents({
      path: '/v1beta/models/pace-gemini:streamGenerateContent?alt=sse',
      headers: { 'x-goog-api-key': simulator.apiKey },
      body: { contents: [{ role: 'user', parts: [{ text: prompt }] }] },
    });
    const chunks = events.map((event) => ({ at: event.at, json: JSON.parse(event.data) }));
    const frames = chunks
      .map((chunk) => ({ at: chunk.at, text: chunk.json.candidates[0].content.parts?.[0]?.text as unknown }))
      .filter(
        (frame): frame is { at: number; text: string } => typeof frame.text === 'string' && frame.text.length > 0,
      );
    const usage = chunks[chunks.length - 1].json.usageMetadata as { candidatesTokenCount: number };
    expectPaced(frames, usage.candidatesTokenCount);
  });
});
