import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_API_KEY, startSimulator, type SimulatorHandle } from '../../src/simulator/server.js';
import { call, chat } from './sim-http.js';

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulator({ latencyScale: 0, unavailableModels: ['gpt-9'] });
});
afterAll(async () => {
  await simulator.close();
});

function errorOf(text: string): { message: string; type: string; code: string | null; param: string } {
  return (JSON.parse(text) as { error: { message: string; type: string; code: string | null; param: string } }).error;
}

describe('authentication', () => {
  it('listens on loopback with the default key', () => {
    expect(simulator.baseUrl).toBe(`http://127.0.0.1:${simulator.port}/v1`);
    expect(simulator.apiKey).toBe(SIMULATOR_API_KEY);
  });

  it('answers a wrong key with 401, the gateway envelope and a request id matching the header', async () => {
    const reply = await call(simulator, {
      body: { model: 'gpt-4o-mini', messages: [] },
      auth: false,
      headers: { authorization: 'Bearer wrong' },
    });
    expect(reply.status).toBe(401);
    const error = errorOf(reply.text);
    const requestId = reply.headers['x-oneapi-request-id'] as string;
    expect(error.message).toBe(`无效的令牌 (request id: ${requestId})`);
    expect(error.type).toBe('new_api_error');
    expect(reply.headers['x-mixrouter-simulated']).toBe('1');
  });

  it('answers a missing key with 401 未提供令牌', async () => {
    const reply = await call(simulator, { path: '/v1/models', method: 'GET', auth: false });
    expect(reply.status).toBe(401);
    expect(errorOf(reply.text).message).toMatch(/^未提供令牌 \(request id: \w+\)$/);
  });

  it('accepts the key as x-api-key and x-goog-api-key', async () => {
    for (const header of ['x-api-key', 'x-goog-api-key']) {
      const reply = await call(simulator, {
        path: '/v1/models',
        method: 'GET',
        auth: false,
        headers: { [header]: simulator.apiKey },
      });
      expect(reply.status).toBe(200);
    }
  });
});

describe('GET /v1/models', () => {
  it('lists the published catalogue and the simulator models with their endpoint types', async () => {
    const reply = await call(simulator, { path: '/v1/models', method: 'GET' });
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.text) as { object: string; success: boolean; data: Array<Record<string, unknown>> };
    expect(body.object).toBe('list');
    expect(body.success).toBe(true);
    const byId = new Map(body.data.map((model) => [model.id, model]));
    expect(byId.get('claude-sonnet-4-5-20250929')).toMatchObject({
      object: 'model',
      owned_by: 'anthropic',
      supported_endpoint_types: ['anthropic', 'openai'],
    });
    expect(byId.get('gemini-2.5-pro')?.supported_endpoint_types).toEqual(['gemini', 'openai']);
    expect(byId.get('doubao-seedance-1-0-lite-i2v-250428')?.supported_endpoint_types).toEqual(['openai-video']);
    expect(byId.get('gpt-5.1-codex')?.supported_endpoint_types).toEqual(['openai-response']);
    for (const id of ['sim-fast', 'sim-balanced', 'sim-reasoner', 'deepseek-reasoner', 'qwen3-max', 'gpt-4o-mini'])
      expect(byId.has(id)).toBe(true);
    expect(body.data.length).toBe(byId.size);
  });

  it('answers one model by id', async () => {
    const reply = await call(simulator, { path: '/v1/models/deepseek-chat', method: 'GET' });
    expect(JSON.parse(reply.text)).toMatchObject({ id: 'deepseek-chat', owned_by: 'deepseek' });
  });
});

describe('request validation', () => {
  it.each([
    [{ messages: [{ role: 'user', content: 'hi' }] }, 'model'],
    [{ model: 'gpt-4o-mini' }, 'messages'],
    [{ model: 'gpt-4o-mini', messages: 'hi' }, 'array'],
  ])('rejects %j with a 400 envelope', async (body, word) => {
    const reply = await call(simulator, { body });
    expect(reply.status).toBe(400);
    const error = errorOf(reply.text);
    expect(error.message).toContain(word);
    expect(error.message).toMatch(/\(request id: \w+\)$/);
  });

  it('rejects a body that is not JSON', async () => {
    const reply = await call(simulator, { body: '{"model": ' });
    expect(reply.status).toBe(400);
    expect(errorOf(reply.text).code).toBe('bad_request_body');
  });

  it('answers 503 model_not_found for an unavailable model while others work', async () => {
    const down = await chat(simulator, { model: 'gpt-9' });
    expect(down.status).toBe(503);
    expect(errorOf(down.text).code).toBe('model_not_found');
    expect((await chat(simulator, { model: 'gpt-4o' })).status).toBe(200);
  });

  it('answers 404 on unknown routes such as the documented /v1/chat/responses typo', async () => {
    const reply = await call(simulator, { path: '/v1/chat/responses', body: { model: 'o3' } });
    expect(reply.status).toBe(404);
    expect(errorOf(reply.text).message).toContain('/v1/chat/responses');
  });

  it('gives every response its own request id', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => chat(simulator, { model: 'sim-fast' })));
    const ids = new Set(replies.map((reply) => reply.headers['x-oneapi-request-id']));
    expect(ids.size).toBe(20);
  });
});
