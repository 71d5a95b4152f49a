/**
 * The Gemini native URL for a model (gemini-native.md, top and §3). Gemini lives at
 * `/v1beta/...` on the gateway's origin, beside the OpenAI routes under `/v1`, so a
 * base URL ending in `/v1` (trailing slashes ignored) loses that segment and whatever
 * path prefix stays in front of it is kept: `https://host/proxy/v1` →
 * `https://host/proxy/v1beta/models/{model}:generateContent`. A base URL that does not
 * end in `/v1` is used as the prefix as it is. The model id is percent-encoded as one
 * path segment. Streaming always adds `alt=sse`, because without it Google streams one
 * JSON array instead of events. The credential never goes in the URL: `?key=` is
 * rejected by the newest gateway, so the transport sends a header instead.
 */
export function geminiUrl(options: { baseUrl: string; model: string; stream: boolean }): string {
  const trimmed = options.baseUrl.replace(/\/+$/, '');
  const prefix = trimmed.replace(/\/v1$/, '');
  const action = options.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return `${prefix}/v1beta/models/${encodeURIComponent(options.model)}:${action}`;
}
