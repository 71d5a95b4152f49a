import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText, validateConfig } from '../../src/config/config-file.js';
import { ConfigError } from '../../src/errors.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const yamlError = (text: string) => errorOf(() => parseConfigText({ text, file: 'eval.yaml' }));
const valueError = (value: unknown) => errorOf(() => validateConfig({ value, file: 'eval.yaml' }));

describe('parseConfigText', () => {
  it('reads a YAML file with every key', () => {
    const config = parseConfigText({
      file: 'eval.yaml',
      text: [
        'baseUrl: https://gateway.example/v1',
        'defaults: { temperature: 0.2, maxTokens: 256, system: Be brief., stream: true, thinking: false }',
        'models:',
        '  qwen3-max:',
        '  claude-sonnet-4-5@anthropic+thinking=4096:',
        '    auth: x-api-key',
        '    limits: { concurrency: 2, rpm: 60, tpm: 100000, shareWith: claude }',
        '    price: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, reasoning: 15 }',
        '  fast:',
        '    model: gemini-2.5-flash',
        '    format: google',
        '    vendor: google',
        '    baseUrl: http://127.0.0.1:9/v1',
        '    params: { temperature: 1, maxTokens: 64, system: Hi, stream: false }',
        '    thinking: { enabled: true, budgetTokens: 512 }',
        '    extraBody: { top_p: 0.5 }',
        'groups: { claude: { concurrency: 3, rpm: 100, tpm: 5000 } }',
        'prices: { qwen3-max: { input: 1, output: 2 } }',
        'scoring: { anything: [1, 2] }',
      ].join('\n'),
    });
    expect(config.file).toBe('eval.yaml');
    expect(config.defaults?.thinking).toEqual({ enabled: false });
    expect(config.models['qwen3-max']).toEqual({});
    expect(config.models.fast).toMatchObject({
      format: 'gemini',
      thinking: { enabled: true, budgetTokens: 512 },
      params: { maxTokens: 64 },
    });
    expect(config.models['claude-sonnet-4-5@anthropic+thinking=4096'].limits).toEqual({
      concurrency: 2,
      rpm: 60,
      tpm: 100000,
      shareWith: 'claude',
    });
    expect(config.groups.claude).toEqual({ concurrency: 3, rpm: 100, tpm: 5000 });
    expect(config.prices['qwen3-max']).toEqual({ input: 1, output: 2 });
    expect(config.scoring).toEqual({ anything: [1, 2] });
  });

  it('reads the same shape from JSON', () => {
    const config = parseConfigText({
      file: 'eval.json',
      text: JSON.stringify({
        models: { 'o3+thinking=high': { limits: { concurrency: 1 } }, deepseek: { thinking: true } },
      }),
    });
    expect(config.models.deepseek.thinking).toEqual({ enabled: true });
    expect(config.groups).toEqual({});
    expect(config.prices).toEqual({});
  });

  it('fills enabled: true when thinking gives only a budget or effort', () => {
    const config = parseConfigText({ file: 'c.yaml', text: 'models:\n  o3:\n    thinking: { effort: low }\n' });
    expect(config.models.o3.thinking).toEqual({ enabled: true, effort: 'low' });
  });

  it('names the file for syntax errors', () => {
    expect(errorOf(() => parseConfigText({ file: 'eval.json', text: '{"models": ' }))).toMatch(
      /^eval\.json: not valid JSON/,
    );
    expect(yamlError('models:\n  a: [1\n')).toMatch(/^eval\.yaml: not valid YAML/);
    expect(yamlError('')).toContain('eval.yaml: the file is empty');
  });

  it.each([
    [
      { models: { 'qwen3-max': { limits: { concurrency: 0 } } } },
      'eval.yaml: models.qwen3-max.limits.concurrency: expected a positive integer',
    ],
    [
      { models: { 'qwen3-max': { limits: { concurrency: 1.5 } } } },
      'models.qwen3-max.limits.concurrency: expected a positive integer',
    ],
    [{ models: { a: { limits: { rpm: 'many' } } } }, 'models.a.limits.rpm: expected a positive integer'],
    [
      { models: { a: { limits: { concurency: 2 } } } },
      "models.a.limits: unknown key 'concurency'. Allowed keys here: concurrency, rpm, tpm, shareWith.",
    ],
    [
      { models: { a: { limits: { shareWith: 'nope' } } } },
      "models.a.limits.shareWith: unknown group 'nope'. Define it under groups: (none defined yet)",
    ],
    [
      { models: { a: { format: 'grpc' } } },
      "models.a.format: unknown format 'grpc'. Valid formats: chat|openai → openai-chat",
    ],
    [
      { models: { a: { vendor: 'acme' } } },
      'models.a.vendor: expected one of openai, anthropic, google, deepseek, qwen, doubao, other',
    ],
    [{ models: { a: { auth: 'cookie' } } }, 'models.a.auth: expected one of bearer, x-api-key, x-goog-api-key'],
    [{ models: { a: { baseUrl: 'ftp://x' } } }, 'models.a.baseUrl: expected an http(s) URL'],
    [{ models: { a: { model: '' } } }, 'models.a.model: expected a non-empty model id'],
    [
      { models: { a: { params: { temperature: 3 } } } },
      'models.a.params.temperature: expected a number between 0 and 2',
    ],
    [{ models: { a: { params: { maxTokens: -1 } } } }, 'models.a.params.maxTokens: expected a positive integer'],
    [{ models: { a: { params: { stream: 'yes' } } } }, 'models.a.params.stream: expected true or false'],
    [{ models: { a: { params: { top_p: 1 } } } }, "models.a.params: unknown key 'top_p'"],
    [
      { models: { a: { thinking: 'on' } } },
      'models.a.thinking: expected true, false or { enabled, budgetTokens?, effort? }',
    ],
    [
      { models: { a: { thinking: { effort: 'max' } } } },
      'models.a.thinking.effort: expected one of minimal, low, medium, high',
    ],
    [
      { models: { a: { thinking: { budgetTokens: 0 } } } },
      'models.a.thinking.budgetTokens: expected a positive integer',
    ],
    [{ models: { a: { extraBody: [1] } } }, 'models.a.extraBody: expected an object of extra body fields'],
    [
      { models: { a: { price: { input: 1 } } } },
      'models.a.price.output: expected the output price in USD per 1M tokens',
    ],
    [
      { models: { a: { price: { input: -1, output: 1 } } } },
      'models.a.price.input: expected the input price in USD per 1M tokens',
    ],
    [{ models: { a: 5 } }, 'models.a: expected an object of settings for this model (or nothing)'],
    [
      { models: { 'gpt-5.1': { limits: 3 } } },
      'models["gpt-5.1"].limits: expected { concurrency?, rpm?, tpm?, shareWith? }',
    ],
    [{ models: { 'o3@soap': {} } }, 'models["o3@soap"]: unknown format \'soap\''],
    [{ models: [] }, 'models: expected an object: model entry → settings'],
    [{ groups: { g: { rpm: 0 } } }, 'groups.g.rpm: expected a positive integer'],
    [{ prices: { 'gpt-4o': { input: 'cheap', output: 1 } } }, 'prices.gpt-4o.input: expected the input price'],
    [{ defaults: { maxTokens: 'lots' } }, 'defaults.maxTokens: expected a positive integer'],
    [{ baseUrl: 'not a url' }, 'baseUrl: expected an http(s) URL'],
    [
      { modles: {} },
      "(top level): unknown key 'modles'. Allowed keys here: baseUrl, defaults, models, groups, prices, scoring.",
    ],
    ['just text', '(top level): expected an object with a models: key'],
  ])('reports %j with the key path', (value, expected) => {
    const message = valueError(value);
    expect(message).toContain(expected);
    expect(message).toMatch(/^eval\.yaml: /);
    expect(message).toContain('Fix the keys above in eval.yaml');
  });

  it('reports every problem at once', () => {
    const message = valueError({ models: { a: { limits: { concurrency: 0 } }, b: { auth: 'x' } } });
    expect(message).toContain('models.a.limits.concurrency');
    expect(message).toContain('models.b.auth');
  });
});

describe('loadConfigFile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mixrouter-config-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads JSON and YAML files from disk by extension', () => {
    const jsonPath = join(folder, 'eval.json');
    writeFileSync(jsonPath, JSON.stringify({ models: { 'qwen3-max': {} } }));
    expect(Object.keys(loadConfigFile(jsonPath).models)).toEqual(['qwen3-max']);
    const yamlPath = join(folder, 'eval.yml');
    writeFileSync(yamlPath, 'models:\n  deepseek:\n');
    expect(loadConfigFile(yamlPath).file).toBe(yamlPath);
  });

  it('says when the file is missing', () => {
    expect(errorOf(() => loadConfigFile(join(folder, 'absent.yaml')))).toContain('no such file');
    expect(errorOf(() => loadConfigFile(folder))).toContain('not a file');
  });

  it('loads the shipped example', () => {
    const config = loadConfigFile(join(repoRoot, 'examples', 'eval.config.yaml'));
    expect(Object.keys(config.models)).toContain('claude-sonnet-4-5@anthropic+thinking=4096');
    expect(config.groups.claude).toEqual({ concurrency: 6, rpm: 120 });
  });
});

describe('empty YAML sections', () => {
  it('reads an empty section as absent', () => {
    const config = parseConfigText({
      file: 'eval.yaml',
      text: 'defaults:\ngroups:\nprices:\nscoring:\nmodels:\n  qwen3-max:\n',
    });
    expect(config.defaults).toBeUndefined();
    expect(config.groups).toEqual({});
    expect(config.prices).toEqual({});
    expect(config.models).toEqual({ 'qwen3-max': {} });
  });
});
