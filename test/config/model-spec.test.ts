import { describe, expect, it } from 'vitest';
import { catalogEntry } from '../../src/config/catalog.js';
import {
  assertFormatSupported,
  describeFormats,
  parseFormatName,
  parseModelSpec,
} from '../../src/config/model-spec.js';
import { ConfigError } from '../../src/errors.js';

const parse = (entry: string) => parseModelSpec({ entry });

function errorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseModelSpec', () => {
  it('reads a bare name', () => {
    expect(parse('qwen3-max')).toEqual({ entry: 'qwen3-max', name: 'qwen3-max', format: null, thinking: null });
  });

  it.each([
    ['claude-sonnet-4-5@anthropic', 'claude-sonnet-4-5', 'anthropic-messages'],
    ['claude-sonnet-4-5@messages', 'claude-sonnet-4-5', 'anthropic-messages'],
    ['claude-sonnet-4-5@claude', 'claude-sonnet-4-5', 'anthropic-messages'],
    ['gemini-2.5-flash@gemini', 'gemini-2.5-flash', 'gemini'],
    ['gemini-2.5-flash@google', 'gemini-2.5-flash', 'gemini'],
    ['gpt-4o-mini@responses', 'gpt-4o-mini', 'openai-responses'],
    ['gpt-4o-mini@chat', 'gpt-4o-mini', 'openai-chat'],
    ['gpt-4o-mini@openai', 'gpt-4o-mini', 'openai-chat'],
    ['gpt-4o-mini@OpenAI-Chat', 'gpt-4o-mini', 'openai-chat'],
    ['doubao-seedance-1-0-pro@video', 'doubao-seedance-1-0-pro', 'video-task'],
    ['doubao-seedance-1-0-pro@video-task', 'doubao-seedance-1-0-pro', 'video-task'],
  ])('reads the format in %s', (entry, name, format) => {
    expect(parse(entry)).toMatchObject({ entry, name, format, thinking: null });
  });

  it('reads every thinking form', () => {
    expect(parse('qwen3-max+thinking').thinking).toEqual({ enabled: true });
    expect(parse('claude-sonnet-4-5@anthropic+thinking=4096')).toMatchObject({
      format: 'anthropic-messages',
      thinking: { enabled: true, budgetTokens: 4096 },
    });
    expect(parse('o3+thinking=high').thinking).toEqual({ enabled: true, effort: 'high' });
    expect(parse('o3+thinking=minimal').thinking).toEqual({ enabled: true, effort: 'minimal' });
    expect(parse('gemini-2.5-flash@gemini+nothinking')).toMatchObject({
      format: 'gemini',
      thinking: { enabled: false },
    });
    expect(parse('qwen3-max+THINKING').thinking).toEqual({ enabled: true });
  });

  it('keeps the whole entry as the label, trimmed', () => {
    expect(parse('  o3+thinking=high ').entry).toBe('o3+thinking=high');
  });

  it('rejects an unknown format and lists the valid ones', () => {
    const error = errorOf(() => parse('qwen3-max@grpc'));
    expect(error.message).toContain("--models entry 'qwen3-max@grpc'");
    expect(error.message).toContain("unknown format 'grpc'");
    expect(error.message).toContain(describeFormats());
    expect(describeFormats()).toContain('chat|openai → openai-chat');
    expect(describeFormats()).toContain('anthropic|messages|claude → anthropic-messages');
    expect(errorOf(() => parse('qwen3-max@')).message).toContain('unknown format nothing');
  });

  it('rejects +thinking values that are neither a budget nor an effort', () => {
    for (const entry of ['o3+thinking=abc', 'o3+thinking=0', 'o3+thinking=-5', 'o3+thinking=1.5', 'o3+thinking=']) {
      const error = errorOf(() => parse(entry));
      expect(error.message, entry).toContain(`--models entry '${entry}'`);
      expect(error.message, entry).toContain('+thinking=<tokens>');
    }
  });

  it('rejects an empty name', () => {
    for (const entry of ['', '   ', '@anthropic', '+thinking']) {
      expect(errorOf(() => parse(entry)).message, entry).toContain('the model name is empty');
    }
  });

  it('rejects unknown, empty and repeated modifiers, and a format after a modifier', () => {
    expect(errorOf(() => parse('o3+fast')).message).toContain("unknown modifier '+fast'");
    expect(errorOf(() => parse('o3+')).message).toContain('empty modifier');
    expect(errorOf(() => parse('o3+thinking+nothinking')).message).toContain('more than one thinking modifier');
    expect(errorOf(() => parse('o3+thinking@responses')).message).toContain(
      'the format goes right after the model name',
    );
  });

  it('names the given origin in errors', () => {
    expect(errorOf(() => parseModelSpec({ entry: 'x@nope', origin: 'eval.yaml: models.x@nope' })).message).toMatch(
      /^eval\.yaml: models\.x@nope: /,
    );
  });
});

describe('parseFormatName', () => {
  it('maps aliases and full names, and nothing else', () => {
    expect(parseFormatName('video')).toBe('video-task');
    expect(parseFormatName('anthropic-messages')).toBe('anthropic-messages');
    expect(parseFormatName('soap')).toBeNull();
  });
});

describe('assertFormatSupported', () => {
  it('accepts a format the catalog lists', () => {
    expect(() =>
      assertFormatSupported({
        spec: parse('claude-sonnet-4-5@anthropic'),
        model: catalogEntry('claude-sonnet-4-5-20250929'),
      }),
    ).not.toThrow();
  });

  it('rejects a format the catalog rules out, with a hint', () => {
    const error = errorOf(() =>
      assertFormatSupported({ spec: parse('qwen3-max@anthropic'), model: catalogEntry('qwen3-max') }),
    );
    expect(error.message).toContain("--models entry 'qwen3-max@anthropic'");
    expect(error.message).toContain('qwen3-max is not served as anthropic-messages');
    expect(error.message).toContain('write qwen3-max@chat');
    expect(error.message).toContain('--config');
    const codex = errorOf(() =>
      assertFormatSupported({ spec: parse('gpt-5.1-codex@chat'), model: catalogEntry('gpt-5.1-codex') }),
    );
    expect(codex.message).toContain('gpt-5.1-codex@responses');
  });

  it('lets any format through for a model the catalog does not know', () => {
    expect(() => assertFormatSupported({ spec: parse('my-model@gemini'), model: null })).not.toThrow();
  });
});
