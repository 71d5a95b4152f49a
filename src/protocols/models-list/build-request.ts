import type { Endpoint, WireRequest } from '../types.js';

/** `GET {baseUrl}/models` (models-and-errors.md §1). No credential: the transport adds it by `endpoint.auth`. */
export function buildModelsListRequest(endpoint: Endpoint): WireRequest {
  return {
    method: 'GET',
    url: `${endpoint.baseUrl.replace(/\/+$/, '')}/models`,
    headers: { accept: 'application/json' },
    stream: false,
  };
}
