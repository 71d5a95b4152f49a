import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText, type ConfigFile } from '../../src/config/config-file.js';
import { budgetGroups, planTargets, resolveTargets, splitModelEntries } from '../../src/config/resolve-targets.js';
import { ConfigError } from '../../src/errors.js';
import { anthropicMessagesCodec } from '../../src/protocols/anthropic-messages/index.js';
import { openaiChatCodec } from '../../src/protocols/openai-chat/index.js';
import { videoTaskCodec } from '../../src/protocols/video-task/index.js';

const baseUrl = 'http://127.0.0.1:9/v1';

function config(text: string): ConfigFile {
  return parseConfigText({ text, file: 'eval.yaml' });
}

function plan(entries: string[], options: { config?: ConfigFile | null; defaults?: object; simulated?: boolean } = {}) {
  return planTargets({
    entries,
    config: options.config ?? null,
    baseUrl,
    defaults: options.defaults ?? {},
    simulated: options.simulated,
  });
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('planTargets: catalog and inline syntax', () => {
  it('resolves a catalog model with its defaults', () => {
    const [target] = plan(['qwen3-max']);
    expect(target).toMatchObject({
      name: 'qwen3-max',
      modelId: 'qwen3-max',
      format: 'openai-chat',
      vendor: 'qwen',
      endpoint: { baseUrl, auth: 'bearer' },
      params: { stream: false },
      limits: {},
      alwaysThinks: false,
      priceSource: 'built-in',
    });
    expect(target.price).toEqual({ input: 1.2, output: 6 });
  });

  it('labels the row with the entry and sends the alias target', () => {
    const [target] = plan(['claude-sonnet-4-5@anthropic+thinking=4096']);
    expect(target).toMatchObject({
      name: 'claude-sonnet-4-5@anthropic+thinking=4096',
      modelId: 'claude-sonnet-4-5-20250929',
      format: 'anthropic-messages',
      vendor: 'anthropic',
      params: { stream: false, thinking: { enabled: true, budgetTokens: 4096 } },
    });
    expect(target.notes).toContain('claude-sonnet-4-5 is an alias of claude-sonnet-4-5-20250929');
  });

  it('uses the catalog default format: responses-only and video models', () => {
    expect(plan(['gpt-5.1-codex'])[0].format).toBe('openai-responses');
    expect(plan(['doubao-seedance-1-0-pro'])[0]).toMatchObject({
      format: 'video-task',
      vendor: 'doubao',
      catalog: null,
    });
  });

  it('runs a model the catalog does not know as openai-chat with a guessed vendor', () => {
    const [target] = plan(['deepseek-v9']);
    expect(target).toMatchObject({
      modelId: 'deepseek-v9',
      format: 'openai-chat',
      vendor: 'deepseek',
      catalog: null,
      price: null,
      priceSource: null,
    });
    expect(target.notes[0]).toContain('not in the built-in catalog');
    expect(plan(['my-model@gemini'])[0]).toMatchObject({ format: 'gemini', vendor: 'other' });
  });

  it('rejects a format the catalog rules out', () => {
    expect(errorOf(() => plan(['deepseek-chat@anthropic']))).toContain(
      "--models entry 'deepseek-chat@anthropic': deepseek-chat is not served as anthropic-messages",
    );
  });

  it('rejects turning off thinking on an always-thinking model', () => {
    expect(errorOf(() => plan(['deepseek-reasoner+nothinking']))).toContain('deepseek-reasoner always thinks');
    expect(plan(['gemini-2.5-pro'])[0].alwaysThinks).toBe(true);
  });

  it('rejects repeated entries and entries that send the same request', () => {
    expect(errorOf(() => plan(['qwen3-max', 'qwen3-max']))).toContain("lists 'qwen3-max' more than once");
    expect(errorOf(() => plan(['deepseek', 'deepseek-chat']))).toContain(
      "Models 'deepseek' and 'deepseek-chat' would send the same request",
    );
    expect(plan(['deepseek', 'deepseek+thinking'])).toHaveLength(2);
  });

  it('needs models from somewhere', () => {
    expect(errorOf(() => plan([]))).toContain('--models is required');
    expect(errorOf(() => plan([], { config: config('baseUrl: http://127.0.0.1:9/v1\n') }))).toContain(
      'eval.yaml lists no models',
    );
  });
});

describe('planTargets: Qwen thinking streams', () => {
  it('forces stream on for Qwen thinking on chat completions, with a note', () => {
    const [target] = plan(['qwen3-max+thinking']);
    expect(target.params.stream).toBe(true);
    expect(target.notes.join(' ')).toContain('stream forced on');
    expect(
      plan(['qwen3-max+thinking'], {
        config: config('models:\n  qwen3-max+thinking:\n    params: { stream: false }\n'),
      })[0].params.stream,
    ).toBe(true);
  });

  it('leaves stream alone without thinking, with thinking off, and for other vendors', () => {
    expect(plan(['qwen3-max'])[0].params.stream).toBe(false);
    expect(plan(['qwen3-max+nothinking'])[0].params.stream).toBe(false);
    expect(plan(['deepseek-chat+thinking'])[0].params.stream).toBe(false);
  });
});

describe('planTargets: precedence catalog < inline < config', () => {
  const file = config(
    [
      'baseUrl: https://ignored-here.example/v1',
      'defaults: { temperature: 0.5, maxTokens: 100, system: From defaults., stream: true }',
      'models:',
      '  qwen3-max+thinking:',
      '    thinking: false',
      '  claude-sonnet-4-5@anthropic:',
      '    format: chat',
      '    auth: x-api-key',
      '    baseUrl: http://127.0.0.1:10/v1',
      '    params: { temperature: 1 }',
      '    limits: { concurrency: 2, rpm: 30, shareWith: claude }',
      '    extraBody: { top_k: 5 }',
      '  fast:',
      '    model: gemini-flash',
      '    price: { input: 9, output: 9 }',
      '  deepseek-chat:',
      '    limits: { tpm: 1000 }',
      '    thinking: true',
      'groups: { claude: { concurrency: 3 } }',
      'prices: { claude-sonnet-4-5-20250929: { input: 1, output: 2 } }',
    ].join('\n'),
  );

  it('lets the config entry override the inline syntax', () => {
    const [qwen, claude] = plan(['qwen3-max+thinking', 'claude-sonnet-4-5@anthropic'], { config: file });
    expect(qwen.params.thinking).toEqual({ enabled: false });
    expect(claude).toMatchObject({
      modelId: 'claude-sonnet-4-5-20250929',
      format: 'openai-chat',
      endpoint: { baseUrl: 'http://127.0.0.1:10/v1', auth: 'x-api-key' },
      params: { temperature: 1, maxOutputTokens: 100, system: 'From defaults.', stream: true, extraBody: { top_k: 5 } },
      limits: { concurrency: 2, rpm: 30, group: 'claude' },
      price: { input: 1, output: 2 },
      priceSource: 'config-prices',
    });
  });

  it('uses a config model id and its own price', () => {
    const [fast] = plan(['fast'], { config: file });
    expect(fast).toMatchObject({
      name: 'fast',
      modelId: 'gemini-2.5-flash',
      vendor: 'google',
      price: { input: 9, output: 9 },
      priceSource: 'config-model',
    });
  });

  it('runs every config model when --models is empty, in file order', () => {
    expect(plan([], { config: file }).map((target) => target.name)).toEqual([
      'qwen3-max+thinking',
      'claude-sonnet-4-5@anthropic',
      'fast',
      'deepseek-chat',
    ]);
  });

  it('lets CLI flags override config defaults but not a model entry', () => {
    const [claude, fast] = plan(['claude-sonnet-4-5@anthropic', 'fast'], {
      config: file,
      defaults: { temperature: 0, stream: false, system: 'Flag.' },
    });
    expect(claude.params).toMatchObject({ temperature: 1, stream: false, system: 'Flag.' });
    expect(fast.params).toMatchObject({ temperature: 0, stream: false, maxOutputTokens: 100 });
  });

  it('lets an inline variant inherit the bare model entry, inline thinking winning', () => {
    const [variant] = plan(['deepseek-chat+nothinking'], { config: file });
    expect(variant).toMatchObject({
      name: 'deepseek-chat+nothinking',
      limits: { tpm: 1000 },
      params: { thinking: { enabled: false } },
    });
    const [plain] = plan(['deepseek-chat'], { config: file });
    expect(plain.params.thinking).toEqual({ enabled: true });
  });

  it('checks the inline format of an inheriting entry against the catalog', () => {
    expect(errorOf(() => plan(['deepseek-chat@gemini'], { config: file }))).toContain(
      'deepseek-chat is not served as gemini',
    );
  });

  it('sends every target to the simulator under --simulate', () => {
    const [claude] = plan(['claude-sonnet-4-5@anthropic'], { config: file, simulated: true });
    expect(claude.endpoint.baseUrl).toBe(baseUrl);
  });

  it('drops a default thinking: false for always-thinking models', () => {
    const withDefault = config('defaults: { thinking: false }\nmodels:\n  deepseek-reasoner:\n  deepseek-chat:\n');
    const [reasoner, chat] = plan([], { config: withDefault });
    expect(reasoner.params.thinking).toBeUndefined();
    expect(reasoner.notes.join(' ')).toContain('always thinks');
    expect(chat.params.thinking).toEqual({ enabled: false });
  });

  it('names the config file in errors about config entries', () => {
    const bad = config('models:\n  deepseek-reasoner+nothinking:\n');
    expect(errorOf(() => plan([], { config: bad }))).toContain(
      'eval.yaml: models.deepseek-reasoner+nothinking: deepseek-reasoner always thinks',
    );
  });

  it('lists the budget groups', () => {
    expect(budgetGroups(file)).toEqual([{ name: 'claude', concurrency: 3 }]);
    expect(budgetGroups(null)).toEqual([]);
  });
});

describe('resolveTargets', () => {
  it('attaches the codec of each format', () => {
    const targets = resolveTargets({
      entries: ['qwen3-max', 'claude-opus-4-5@anthropic'],
      config: null,
      baseUrl,
      defaults: { stream: true },
    });
    expect(targets.map((target) => (target.format === 'video-task' ? null : target.codec))).toEqual([
      openaiChatCodec,
      anthropicMessagesCodec,
    ]);
    expect(targets[0].params.stream).toBe(true);
  });

  it('refuses video models unless video settings are supplied, and asks for them only when there is one', () => {
    expect(
      errorOf(() => resolveTargets({ entries: ['doubao-seedance-1-0-pro'], config: null, baseUrl, defaults: {} })),
    ).toContain('is a video model');
    const settings = { codec: videoTaskCodec, params: { duration: 5 }, paths: {} };
    let asked = 0;
    const video = () => {
      asked += 1;
      return settings;
    };
    const [target, other] = resolveTargets({
      entries: ['doubao-seedance-1-0-pro', 'qwen3-max'],
      config: null,
      baseUrl,
      defaults: {},
      video,
    });
    expect(target.format === 'video-task' ? target.video : null).toBe(settings);
    expect(other.format === 'video-task' ? null : other.codec).toBe(openaiChatCodec);
    resolveTargets({ entries: ['qwen3-max'], config: null, baseUrl, defaults: {}, video });
    expect(asked).toBe(1);
  });
});

describe('splitModelEntries', () => {
  it('splits on commas and keeps repeats', () => {
    expect(splitModelEntries(['a, b', 'a'])).toEqual(['a', 'b', 'a']);
    expect(splitModelEntries(undefined)).toEqual([]);
  });
});

describe('the shipped example config', () => {
  it('resolves every model', () => {
    const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const example = loadConfigFile(join(repoRoot, 'examples', 'eval.config.yaml'));
    const targets = resolveTargets({ entries: [], config: example, baseUrl, defaults: {} });
    expect(targets.map((target) => [target.name, target.modelId, target.format])).toEqual([
      ['qwen3-max', 'qwen3-max', 'openai-chat'],
      ['qwen3-max+thinking', 'qwen3-max', 'openai-chat'],
      ['deepseek', 'deepseek-chat', 'openai-chat'],
      ['claude-sonnet-4-5@anthropic+thinking=4096', 'claude-sonnet-4-5-20250929', 'anthropic-messages'],
      ['claude-opus-4-5', 'claude-opus-4-5-20251101', 'openai-chat'],
      ['gemini-flash-native', 'gemini-2.5-flash', 'gemini'],
      ['o3-high', 'o3', 'openai-responses'],
      ['local-model', 'my-local-model', 'openai-chat'],
    ]);
    expect(targets[2].price).toEqual({ input: 0.28, cachedInput: 0.028, output: 0.42 });
    expect(targets[7].endpoint.baseUrl).toBe('http://127.0.0.1:8000/v1');
  });
});
