import { describe, expect, it } from 'vitest';
import {
  aliasesOf,
  catalogEntry,
  defaultFormatOf,
  MODEL_ALIASES,
  MODEL_CATALOG,
  resolveModelName,
} from '../../src/config/catalog.js';

describe('catalog', () => {
  it('holds every id of the published table (models-and-errors.md §2) once', () => {
    const ids = MODEL_CATALOG.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'gpt-4o-mini',
      'gpt-5.2-pro',
      'o4-mini-deep-research',
      'gemini-robotics-er-1.5-preview',
      'claude-opus-4-20250514',
      'deepseek-v4-pro',
      'minimax-m2.5',
      'moonshot-v1-8k-vision-preview',
      'grok-4-1-fast-reasoning',
      'doubao-seed-1-6-thinking-250715',
      'doubao-seedance-1-0-lite-i2v-250428',
      'glm-4.6v',
      'qwen3.5-122b-a10b',
      'hunyuan-t1-latest',
      'SenseNova-V6-Pro',
    ]) {
      expect(ids, id).toContain(id);
    }
    expect(ids).toHaveLength(69);
  });

  it('gives vendor, default format and accepted formats', () => {
    expect(catalogEntry('claude-sonnet-4-5-20250929')).toMatchObject({
      vendor: 'anthropic',
      defaultFormat: 'openai-chat',
      formats: ['openai-chat', 'anthropic-messages'],
    });
    expect(catalogEntry('gemini-2.5-flash')).toMatchObject({ vendor: 'google', formats: ['openai-chat', 'gemini'] });
    expect(catalogEntry('gpt-4o-mini')).toMatchObject({
      vendor: 'openai',
      formats: ['openai-chat', 'openai-responses'],
    });
    expect(catalogEntry('gpt-5.1-codex')).toMatchObject({
      defaultFormat: 'openai-responses',
      formats: ['openai-responses'],
    });
    expect(catalogEntry('gpt-5.2-pro')?.defaultFormat).toBe('openai-responses');
    expect(catalogEntry('doubao-seedance-1-0-lite-i2v-250428')).toMatchObject({
      vendor: 'doubao',
      defaultFormat: 'video-task',
    });
    expect(catalogEntry('qwen3-max')).toMatchObject({ vendor: 'qwen', provider: 'Alibaba', formats: ['openai-chat'] });
    expect(catalogEntry('kimi-k2')).toMatchObject({ vendor: 'other', provider: 'Moonshot' });
  });

  it('marks the always-thinking models only', () => {
    const thinking = MODEL_CATALOG.filter((entry) => entry.alwaysThinks).map((entry) => entry.id);
    for (const id of [
      'deepseek-reasoner',
      'kimi-k2-thinking',
      'doubao-seed-1-6-thinking-250715',
      'o1',
      'o3',
      'o3-mini',
      'o4-mini',
      'gemini-2.5-pro',
      'gemini-3-pro-preview',
    ]) {
      expect(thinking, id).toContain(id);
    }
    for (const id of [
      'deepseek-chat',
      'gpt-4o',
      'gemini-2.5-flash',
      'claude-sonnet-4-5-20250929',
      'qwen3-max',
      'grok-4-1-fast-non-reasoning',
    ]) {
      expect(thinking, id).not.toContain(id);
    }
  });

  it('expands the documented aliases to catalog ids', () => {
    expect(resolveModelName('deepseek')).toMatchObject({ id: 'deepseek-chat', alias: 'deepseek' });
    expect(resolveModelName('claude-sonnet-4-5').id).toBe('claude-sonnet-4-5-20250929');
    expect(resolveModelName('claude-opus-4-5').id).toBe('claude-opus-4-5-20251101');
    expect(resolveModelName('claude-sonnet-4').id).toBe('claude-sonnet-4-20250514');
    expect(resolveModelName('claude-opus-4').id).toBe('claude-opus-4-20250514');
    expect(resolveModelName('qwen').id).toBe('qwen3-max');
    expect(resolveModelName('gemini-flash').id).toBe('gemini-2.5-flash');
    expect(resolveModelName('gemini-pro').id).toBe('gemini-2.5-pro');
    for (const target of Object.values(MODEL_ALIASES)) expect(catalogEntry(target), target).not.toBeNull();
    expect(aliasesOf('claude-sonnet-4-20250514')).toEqual(['claude-sonnet-4', 'claude-sonnet-4-0']);
  });

  it('passes unknown names through and keeps doubao-seed-1-6 as written', () => {
    expect(resolveModelName('doubao-seed-1-6')).toEqual({ id: 'doubao-seed-1-6', entry: null, alias: null });
    expect(resolveModelName('my-private-model')).toEqual({ id: 'my-private-model', entry: null, alias: null });
    expect(resolveModelName('qwen3-max')).toMatchObject({ id: 'qwen3-max', alias: null });
  });

  it('finds ids case-insensitively and sends the catalog spelling', () => {
    expect(resolveModelName('sensenova-v6-pro').id).toBe('SenseNova-V6-Pro');
  });

  it('defaults Seedance ids to video-task even when the catalog does not list them', () => {
    expect(defaultFormatOf('doubao-seedance-1-0-pro')).toBe('video-task');
    expect(defaultFormatOf('gpt-5.1-codex')).toBe('openai-responses');
    expect(defaultFormatOf('unknown-model')).toBe('openai-chat');
  });
});
