import type { SimulatorHandle } from '../../src/simulator/server.js';
import { call, type RawReply } from './sim-http.js';

/** One named server-sent event: the `event:` line, the raw data, and its JSON when it parses. */
export interface NamedEvent {
  event: string | null;
  data: string;
  json: Record<string, unknown> | null;
}

/** Splits an SSE body into events (blank-line separated), keeping `event:` names. */
export function parseNamedSse(text: string): NamedEvent[] {
  const events: NamedEvent[] = [];
  for (const block of text.split('\n\n')) {
    let event: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) continue;
    const joined = data.join('\n');
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(joined) as Record<string, unknown>;
    } catch {
      json = null;
    }
    events.push({ event, data: joined, json });
  }
  return events;
}

/** Posts a Responses body with Bearer auth. */
export function postResponses(simulator: SimulatorHandle, body: Record<string, unknown>): Promise<RawReply> {
  return call(simulator, { path: '/v1/responses', body });
}

/** Posts a Messages body the way the Anthropic SDK does: `x-api-key` and `anthropic-version`, no Bearer. */
export function postMessages(
  simulator: SimulatorHandle,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<RawReply> {
  return call(simulator, {
    path: '/v1/messages',
    body,
    auth: false,
    headers: { 'x-api-key': simulator.apiKey, 'anthropic-version': '2023-06-01', ...headers },
  });
}
