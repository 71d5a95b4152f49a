import { describe, expect, it } from 'vitest';
import { classifyHttpFailure } from '../../src/protocols/http-errors.js';

const on429 = (message: string, code: string | null = null) =>
  classifyHttpFailure({
    status: 429,
    headers: {},
    bodyText: JSON.stringify({ error: { message, type: 'upstream_error', code } }),
    nowMs: null,
  }).kind;

describe('a 429 whose message says the quota or balance is spent', () => {
  it.each([
    'Your account balance is not enough. Please top up.',
    'You exceeded your current quota, please check your plan and billing details.',
    'insufficient_quota',
    'Insufficient balance',
    '用户余额不足',
    '用户额度不足, 剩余额度: 0',
    'Your credit balance is too low: credits exhausted',
  ])('is quota, not retried: %s', (message) => {
    expect(on429(message)).toBe('quota');
  });

  it.each([
    'Rate limit reached for requests',
    'Quota exceeded for quota metric Generate Content API requests per minute',
    'Resource has been exhausted (e.g. check quota).',
    '您已达到请求数限制：1分钟内最多请求60次',
  ])('stays a rate limit when it speaks of a window: %s', (message) => {
    expect(on429(message)).toBe('rate-limit');
  });

  it('follows a quota code whatever the message says', () => {
    expect(on429('Too many requests', 'insufficient_quota')).toBe('quota');
  });
});
