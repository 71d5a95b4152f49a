/**
 * The model catalogue mixrouter publishes (protocols/models-and-errors.md §2),
 * with the wire formats the gateway accepts for each model.
 */

/** One `GET /v1/models` entry. */
export interface CatalogueModel {
  id: string;
  owned_by: string;
  supported_endpoint_types: string[];
}

interface VendorGroup {
  ownedBy: string;
  endpoints: string[];
  ids: string[];
}

const groups: VendorGroup[] = [
  {
    ownedBy: 'openai',
    endpoints: ['openai', 'openai-response'],
    ids: [
      'gpt-4',
      'gpt-4.1',
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-5',
      'gpt-5-chat',
      'gpt-5-mini',
      'gpt-5-nano',
      'gpt-5.1',
      'gpt-5.1-chat-latest',
      'gpt-5.2',
      'gpt-5.2-chat',
      'gpt-oss-120b',
      'o1',
      'o3',
      'o3-mini',
      'o3-deep-research',
      'o3-pro',
      'o4-mini',
      'o4-mini-deep-research',
    ],
  },
  // Only served on /v1/responses according to the mixrouter pages.
  { ownedBy: 'openai', endpoints: ['openai-response'], ids: ['gpt-5.1-codex', 'gpt-5.2-pro'] },
  {
    ownedBy: 'google',
    endpoints: ['gemini', 'openai'],
    ids: [
      'gemini-2.0-flash',
      'gemini-2.5-computer-use-preview-10-2025',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'gemini-2.5-flash-lite-preview',
      'gemini-2.5-pro',
      'gemini-3-flash-preview',
      'gemini-3-pro-preview',
      'gemini-robotics-er-1.5-preview',
      'gemini-2.5-flash-image',
      'gemini-2.5-flash-image-preview',
    ],
  },
  {
    ownedBy: 'anthropic',
    endpoints: ['anthropic', 'openai'],
    ids: [
      'claude-opus-4-5-20251101',
      'claude-opus-4-20250514',
      'claude-sonnet-4-20250514',
      'claude-sonnet-4-5-20250929',
    ],
  },
  { ownedBy: 'deepseek', endpoints: ['openai'], ids: ['deepseek-chat', 'deepseek-reasoner', 'deepseek-v4-pro'] },
  { ownedBy: 'minimax', endpoints: ['openai'], ids: ['abab6.5s-chat', 'minimax-m2', 'minimax-m2.5'] },
  {
    ownedBy: 'moonshot',
    endpoints: ['openai'],
    ids: [
      'kimi-k2',
      'kimi-k2-0711-preview',
      'kimi-k2-0905',
      'kimi-k2-instruct',
      'kimi-k2-thinking',
      'moonshot-v1-128k',
      'moonshot-v1-32k',
      'moonshot-v1-8k',
      'moonshot-v1-128k-vision-preview',
      'moonshot-v1-32k-vision-preview',
      'moonshot-v1-8k-vision-preview',
    ],
  },
  { ownedBy: 'xai', endpoints: ['openai'], ids: ['grok-4', 'grok-4-1-fast-non-reasoning', 'grok-4-1-fast-reasoning'] },
  { ownedBy: 'volcengine', endpoints: ['openai'], ids: ['doubao-seed-1-6-thinking-250715'] },
  { ownedBy: 'custom', endpoints: ['openai-video'], ids: ['doubao-seedance-1-0-lite-i2v-250428'] },
  { ownedBy: 'zhipu', endpoints: ['openai'], ids: ['glm-4-plus', 'glm-4.5', 'glm-4.6v'] },
  {
    ownedBy: 'ali',
    endpoints: ['openai'],
    ids: ['qwen-max', 'qwen3-max', 'qwen3-vl-235b-a22b-instruct', 'qwen2.5-vl-72b-instruct', 'qwen3.5-122b-a10b'],
  },
  { ownedBy: 'tencent', endpoints: ['openai'], ids: ['hunyuan-t1-latest'] },
  { ownedBy: 'sensetime', endpoints: ['openai'], ids: ['SenseNova-V6-Pro'] },
];

/** The published catalogue, in publication order. */
export const publishedCatalogue: readonly CatalogueModel[] = groups.flatMap((group) =>
  group.ids.map((id) => ({ id, owned_by: group.ownedBy, supported_endpoint_types: group.endpoints })),
);

/** The endpoint types a model id outside the published list is served on, by its vendor prefix. */
export function endpointTypesFor(model: string): string[] {
  const id = model.toLowerCase();
  if (id.startsWith('claude')) return ['anthropic', 'openai'];
  if (id.startsWith('gemini')) return ['gemini', 'openai'];
  if (/^(gpt-|o\d)/.test(id)) return ['openai', 'openai-response'];
  return ['openai'];
}
