import { ConfigError } from '../errors.js';

/** A URL with any `user:password@` replaced by `***@`, for messages (works on text that is not a valid URL too). */
export function withoutCredentials(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/g, '//***@');
}

/**
 * Checks and normalises a gateway base URL from `source` (a flag, an environment
 * variable or a config key): it must be http(s) and carry no user name or password
 * (they would end up in run.json and in messages; the key goes in MIXROUTER_API_KEY).
 * A URL with no path gets `/v1`, where mixrouter and OpenAI-compatible gateways serve
 * their API, and a note saying so.
 */
export function gatewayBaseUrl(source: string, value: string): { url: string; note: string | null } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `${source} is not a URL: '${withoutCredentials(value)}'. Expected something like https://api.mixrouter.com/v1.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${source} must be an http(s) URL, got '${withoutCredentials(value)}'.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(
      `${source} holds a user name or password (${withoutCredentials(value)}); it would be written to run.json. ` +
        'Remove it: the gateway key goes in MIXROUTER_API_KEY.',
    );
  }
  if (url.pathname === '/' && url.search === '') {
    const withPath = `${url.origin}/v1`;
    return {
      url: withPath,
      note: `${source} has no path, so ${withPath} is used (the gateway serves its API under /v1)`,
    };
  }
  return { url: value, note: null };
}
