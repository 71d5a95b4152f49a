import { describe, expect, it } from 'vitest';
import {
  buildModelsListRequest,
  checkModels,
  formatForEndpointType,
  parseModelsList,
} from '../../../src/protocols/models-list/index.js';

// Example body from protocols/models-and-errors.md §1 (GET /v1/models).
const documentedBody = {
  object: 'list',
  success: true,
  data: [
    {
      id: 'gpt-4o-mini',
      object: 'model',
      created: 1626777600,
      owned_by: 'openai',
      supported_endpoint_types: ['openai'],
    },
    {
      id: 'claude-sonnet-4-5-20250929',
      object: 'model',
      created: 1626777600,
      owned_by: 'anthropic',
      supported_endpoint_types: ['anthropic', 'openai'],
    },
    {
      id: 'gemini-2.5-pro',
      object: 'model',
      created: 1626777600,
      owned_by: 'google',
      supported_endpoint_types: ['gemini', 'openai'],
    },
    {
      id: 'doubao-seedance-1-0-lite-i2v-250428',
      object: 'model',
      created: 1626777600,
      owned_by: 'custom',
      supported_endpoint_types: ['openai-video'],
    },
  ],
};

describe('parseModelsList', () => {
  it('reads the documented list with supported_endpoint_types', () => {
    expect(parseModelsList(documentedBody)).toEqual([
      { id: 'gpt-4o-mini', ownedBy: 'openai', endpointTypes: ['openai'] },
      { id: 'claude-sonnet-4-5-20250929', ownedBy: 'anthropic', endpointTypes: ['anthropic', 'openai'] },
      { id: 'gemini-2.5-pro', ownedBy: 'google', endpointTypes: ['gemini', 'openai'] },
      { id: 'doubao-seedance-1-0-lite-i2v-250428', ownedBy: 'custom', endpointTypes: ['openai-video'] },
    ]);
  });

  it('gives null endpoint types when an older gateway leaves the field out (§8 item 8)', () => {
    const body = {
      object: 'list',
      data: [
        { id: 'qwen3-max', object: 'model', owned_by: 'ali' },
        { id: 'glm-4.5', supported_endpoint_types: 'openai' },
      ],
    };
    expect(parseModelsList(body)).toEqual([
      { id: 'qwen3-max', ownedBy: 'ali', endpointTypes: null },
      { id: 'glm-4.5', ownedBy: null, endpointTypes: null },
    ]);
  });

  it('accepts a bare array, skips entries without an id and keeps the first of a repeated id', () => {
    expect(
      parseModelsList([{ id: 'a', owned_by: '' }, { object: 'model' }, 'b', { id: 'a', owned_by: 'x' }, { id: 7 }]),
    ).toEqual([{ id: 'a', ownedBy: null, endpointTypes: null }]);
  });

  it('throws on error bodies and on bodies that are not a list', () => {
    expect(() => parseModelsList({ error: { message: '无效的令牌', type: 'new_api_error' } })).toThrow('无效的令牌');
    expect(() => parseModelsList({ success: false, message: 'no access' })).toThrow('no access');
    expect(() => parseModelsList({ object: 'list' })).toThrow('not in the expected shape');
    expect(() => parseModelsList('<html>502</html>')).toThrow('not in the expected shape');
  });
});

describe('buildModelsListRequest', () => {
  it('builds GET {baseUrl}/models without the credential', () => {
    expect(buildModelsListRequest({ baseUrl: 'http://127.0.0.1:9/v1/', auth: 'bearer' })).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:9/v1/models',
      headers: { accept: 'application/json' },
      stream: false,
    });
  });
});

describe('formatForEndpointType', () => {
  it('maps the gateway names to formats', () => {
    expect(formatForEndpointType('openai')).toBe('openai-chat');
    expect(formatForEndpointType('openai-response')).toBe('openai-responses');
    expect(formatForEndpointType('openai-responses')).toBe('openai-responses');
    expect(formatForEndpointType('anthropic')).toBe('anthropic-messages');
    expect(formatForEndpointType('gemini')).toBe('gemini');
    expect(formatForEndpointType('openai-video')).toBe('video-task');
    expect(formatForEndpointType('jina-rerank')).toBeNull();
  });
});

describe('checkModels', () => {
  const listed = parseModelsList(documentedBody).concat({ id: 'qwen3-max', ownedBy: 'ali', endpointTypes: null });

  it('finds nothing wrong with listed models on a listed format', () => {
    const targets = [
      {
        name: 'claude-sonnet-4-5@anthropic',
        modelId: 'claude-sonnet-4-5-20250929',
        format: 'anthropic-messages' as const,
      },
      { name: 'gemini-2.5-pro', modelId: 'gemini-2.5-pro', format: 'openai-chat' as const },
      { name: 'qwen3-max@gemini', modelId: 'qwen3-max', format: 'gemini' as const },
    ];
    expect(checkModels({ targets, listed })).toEqual([]);
  });

  it('reports a missing id, with a case hint when one is close', () => {
    const problems = checkModels({
      targets: [
        { name: 'gpt-9', modelId: 'gpt-9', format: 'openai-chat' },
        { name: 'x', modelId: 'GPT-4o-mini', format: 'openai-chat' },
      ],
      listed,
    });
    expect(problems.map((problem) => problem.kind)).toEqual(['missing', 'missing']);
    expect(problems[0].message).toContain("gpt-9 is not in the gateway's model list");
    expect(problems[1].message).toContain("The list has 'gpt-4o-mini'");
  });

  it('reports a format the model is not listed for', () => {
    const [problem] = checkModels({
      targets: [{ name: 'gpt-4o-mini@responses', modelId: 'gpt-4o-mini', format: 'openai-responses' }],
      listed,
    });
    expect(problem).toMatchObject({ target: 'gpt-4o-mini@responses', modelId: 'gpt-4o-mini', kind: 'format' });
    expect(problem.message).toContain('serves gpt-4o-mini as openai-chat, not openai-responses');
  });
});
