import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codecFor, type GenerationFormat } from '../../src/protocols/index.js';
import type { AuthStyle, Call, Completion, Failure, Vendor } from '../../src/protocols/types.js';
import { executeAttempt, type AttemptResult } from '../../src/run/execute-attempt.js';
import { createAgent } from '../../src/run/transport.js';
import { DEFAULT_TIMEOUTS } from '../../src/settings/timeouts.js';
import type { LedgerEntry } from '../../src/simulator/ledger.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { expectedUsage } from '../helpers/usage-reference.js';

/** One wire format under contract, with the model and the auth header its clients use. */
interface FormatCase {
  format: GenerationFormat;
  model: string;
  vendor: Vendor;
  auth: AuthStyle;
  /**
   * The model asked to think. gpt-4o-mini is not a reasoning model (the simulator, like OpenAI, gives it no
   * reasoning), so the Responses case thinks with o4-mini, an OpenAI reasoning model served on /v1/responses.
   */
  thinkingModel: string;
  /** Extra call fields that ask for prompt caching the way the format's clients do. */
  cacheRequest: Partial<Call>;
  /** The path the simulator's ledger records for this format. */
  path(options: { model: string; stream: boolean }): string;
}

const formats: FormatCase[] = [
  {
    format: 'openai-chat',
    model: 'qwen3-max',
    vendor: 'qwen',
    auth: 'bearer',
    thinkingModel: 'qwen3-max',
    cacheRequest: {},
    path: () => '/v1/chat/completions',
  },
  {
    format: 'openai-responses',
    model: 'gpt-4o-mini',
    vendor: 'openai',
    auth: 'bearer',
    thinkingModel: 'o4-mini',
    cacheRequest: {},
    path: () => '/v1/responses',
  },
  {
    format: 'anthropic-messages',
    model: 'claude-sonnet-4-5-20250929',
    vendor: 'anthropic',
    auth: 'x-api-key',
    thinkingModel: 'claude-sonnet-4-5-20250929',
    // Anthropic caches only when asked: a top-level cache_control marks the prompt prefix (anthropic-messages.md §1).
    cacheRequest: { extraBody: { cache_control: { type: 'ephemeral' } } },
    path: () => '/v1/messages',
  },
  {
    format: 'gemini',
    model: 'gemini-2.5-flash',
    vendor: 'google',
    auth: 'x-goog-api-key',
    thinkingModel: 'gemini-2.5-flash',
    cacheRequest: {},
    path: ({ model, stream }) => `/v1beta/models/${model}:${stream ? 'streamGenerateContent' : 'generateContent'}`,
  },
];

const question = 'Explain in two sentences why the sky looks blue.';
/** Over 1,024 tokens, Anthropic's smallest cacheable prompt, so a first sight writes the cache there too. */
const longPrompt = `${'Background: light from the sun scatters off molecules in the air, short wavelengths most of all. '.repeat(50)}${question}`;

let simulator: SimulatorHandle;
const agent = createAgent({ connections: 4, timeouts: DEFAULT_TIMEOUTS });

beforeAll(async () => {
  // The simulated Qwen has no prompt cache by default; switch it on so the chat format's cached count is exercised.
  simulator = await startSimulator({ latencyScale: 0, profiles: { 'qwen3-max': { promptCaching: true } } });
});
afterEach(() => {
  simulator.setFaults({});
});
afterAll(async () => {
  await agent.close();
  await simulator.close();
});

interface Sent {
  result: AttemptResult;
  billed: LedgerEntry;
}

/** Sends one call with the format's codec and auth, as the runner does, and finds its ledger entry by request id. */
async function send(options: { entry: FormatCase; call?: Partial<Call>; apiKey?: string }): Promise<Sent> {
  const { entry } = options;
  const call: Call = {
    model: entry.model,
    vendor: entry.vendor,
    messages: [{ role: 'user', content: question }],
    stream: false,
    ...options.call,
  };
  const result = await executeAttempt({
    agent,
    codec: codecFor(entry.format),
    call,
    endpoint: { baseUrl: simulator.baseUrl, auth: entry.auth },
    apiKey: options.apiKey ?? simulator.apiKey,
    timeouts: DEFAULT_TIMEOUTS,
    context: { vendor: call.vendor, thinking: call.thinking?.enabled ?? false },
    signal: new AbortController().signal,
    maxBodyBytes: 32 * 1024 * 1024,
  });
  expect(result.requestId).toMatch(/\S/);
  const billed = simulator.ledger.entries.find((ledgerEntry) => ledgerEntry.requestId === result.requestId);
  if (!billed) throw new Error(`no ledger entry for request id ${String(result.requestId)}`);
  expect(billed.path).toBe(entry.path({ model: call.model, stream: call.stream }));
  // A request refused for its key is never read, so the ledger knows no model for it.
  if (billed.status !== 401) {
    expect(billed.model).toBe(call.model);
    expect(billed.stream).toBe(call.stream);
  }
  return { result, billed };
}

function completionOf(sent: Sent): Completion {
  const { outcome } = sent.result;
  if (!outcome.ok) throw new Error(`expected a completion, got ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.value;
}

function failureOf(sent: Sent): Failure {
  const { outcome } = sent.result;
  if (outcome.ok) throw new Error(`expected a failure, got a completion: ${outcome.value.text.slice(0, 80)}`);
  return outcome.failure;
}

/** The completion's usage equals what the simulator billed, as the format reports it. */
function expectBilledUsage(options: { entry: FormatCase; sent: Sent }): Completion {
  const { entry, sent } = options;
  const completion = completionOf(sent);
  expect(sent.billed.status).toBe(200);
  expect(sent.billed.fault).toBeNull();
  const billed = sent.billed.usage;
  if (!billed) throw new Error('the simulator billed no usage for a completed answer');
  const expected = expectedUsage({ format: entry.format, billed });
  const { usage } = completion;
  expect({
    input: usage.input,
    output: usage.output,
    reasoning: usage.reasoning,
    cached: usage.cached,
    cacheWrite: usage.cacheWrite,
  }).toEqual(expected);
  expect(usage.total).toBe(expected.input + expected.output);
  expect(usage.raw).not.toBeNull();
  expect(completion.responseModel).toMatch(/\S/);
  expect(completion.responseId).toMatch(/\S/);
  return completion;
}

describe.each(formats)('$format contract ($model)', (entry) => {
  it('plain answer: text, stop, and usage equal to the billed usage', async () => {
    simulator.reset();
    const sent = await send({ entry });
    const completion = expectBilledUsage({ entry, sent });
    expect(completion.text.length).toBeGreaterThan(20);
    expect(completion.finishReason.unified).toBe('stop');
    expect(sent.billed.usage?.cached).toBe(0);
  });

  it('streamed answer: the same text as plain, usage equal to the billed usage, a first token time', async () => {
    simulator.reset();
    const plain = completionOf(await send({ entry }));
    simulator.reset();
    const sent = await send({ entry, call: { stream: true } });
    const streamed = expectBilledUsage({ entry, sent });
    expect(streamed.text).toBe(plain.text);
    expect(streamed.finishReason.unified).toBe('stop');
    expect(streamed.usage.output).toBe(plain.usage.output);
    expect(sent.result.ttftMs).not.toBeNull();
    expect(sent.result.tokenEvents).toBeGreaterThan(0);
  });

  it.each([false, true])('repeated prompt (stream: %s): cached input equals the billed cache read', async (stream) => {
    simulator.reset();
    const call: Partial<Call> = { ...entry.cacheRequest, stream, messages: [{ role: 'user', content: longPrompt }] };
    const first = await send({ entry, call });
    expectBilledUsage({ entry, sent: first });
    expect(first.billed.usage?.cached).toBe(0);
    if (entry.format === 'anthropic-messages') expect(completionOf(first).usage.cacheWrite).toBeGreaterThan(0);
    const repeat = await send({ entry, call });
    const completion = expectBilledUsage({ entry, sent: repeat });
    expect(repeat.billed.usage?.cached).toBeGreaterThan(0);
    expect(completion.usage.cached).toBe(repeat.billed.usage?.cached);
    expect(completion.usage.input).toBe(first.billed.usage?.input);
  });

  it.each([false, true])(
    'thinking requested (stream: %s): reasoning text, and reasoning tokens where the format counts them',
    async (stream) => {
      simulator.reset();
      const sent = await send({ entry, call: { model: entry.thinkingModel, stream, thinking: { enabled: true } } });
      const completion = expectBilledUsage({ entry, sent });
      expect(sent.billed.usage?.reasoning).toBeGreaterThan(0);
      expect(completion.reasoning).toMatch(/\S/);
      expect(completion.text).not.toContain(completion.reasoning);
      if (entry.format === 'anthropic-messages') {
        // Thinking tokens are inside output_tokens with no separate count (anthropic-messages.md §4).
        expect(completion.usage.reasoning).toBeNull();
        expect(completion.usage.output).toBe(sent.billed.usage?.output);
      } else {
        expect(completion.usage.reasoning).toBe(sent.billed.usage?.reasoning);
      }
    },
  );

  it('truncated stream: a transient failure that keeps the partial text', async () => {
    simulator.reset();
    const full = completionOf(await send({ entry, call: { stream: true } }));
    simulator.setFaults({ script: ['truncatedStream'] });
    const sent = await send({ entry, call: { stream: true } });
    const failure = failureOf(sent);
    expect(sent.billed.fault).toBe('truncatedStream');
    expect(sent.billed.usage).toBeNull();
    expect(failure.kind).toBe('transient');
    expect(failure.partial?.text.length).toBeGreaterThan(0);
    expect(full.text.startsWith(failure.partial?.text ?? '')).toBe(true);
    expect(failure.partial?.text.length).toBeLessThan(full.text.length);
  });

  it('error event inside a stream: a typed transient failure with the provider code and the partial text', async () => {
    simulator.reset();
    simulator.setFaults({ script: ['inStreamError'] });
    const sent = await send({ entry, call: { stream: true } });
    const failure = failureOf(sent);
    expect(sent.billed.status).toBe(200);
    expect(sent.billed.fault).toBe('inStreamError');
    expect(failure.kind).toBe('transient');
    expect(failure.code).toMatch(/\S/);
    expect(failure.message).toMatch(/\S/);
    expect(failure.partial?.text.length).toBeGreaterThan(0);
  });

  it('429 with Retry-After: rate-limit with retryAfterMs from the header', async () => {
    simulator.reset();
    simulator.setFaults({ script: ['rateLimitRetryAfter'], retryAfterSeconds: 3 });
    const sent = await send({ entry });
    const failure = failureOf(sent);
    expect(sent.billed.status).toBe(429);
    expect(failure).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 3_000 });
  });

  it('500: transient', async () => {
    simulator.reset();
    simulator.setFaults({ script: ['serverError'] });
    const sent = await send({ entry });
    const failure = failureOf(sent);
    expect(sent.billed.status).toBe(500);
    expect(failure).toMatchObject({ kind: 'transient', status: 500, retryAfterMs: null });
  });

  it(`bad key in the format's own auth header (${entry.auth}): auth`, async () => {
    simulator.reset();
    const sent = await send({ entry, apiKey: 'not-the-simulator-key' });
    const failure = failureOf(sent);
    expect(sent.billed.status).toBe(401);
    expect(failure).toMatchObject({ kind: 'auth', status: 401 });
  });

  it.each([false, true])(
    'tiny maxOutputTokens (stream: %s): finish reason length, output equal to the cap',
    async (stream) => {
      simulator.reset();
      // 16 is the smallest max_output_tokens the Responses API accepts (openai-responses.md §1); it is tiny for the others too.
      const sent = await send({ entry, call: { stream, maxOutputTokens: 16 } });
      const completion = expectBilledUsage({ entry, sent });
      expect(completion.finishReason.unified).toBe('length');
      expect(completion.finishReason.raw).toMatch(/\S/);
      expect(completion.usage.output).toBe(16);
    },
  );
});
