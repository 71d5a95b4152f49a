import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRenderer } from './error-envelope.js';
import type { BilledUsage, RecordedFault } from './ledger.js';
import type { SimulatorState } from './state.js';

/** What a route records about its request (the rest of the ledger entry is filled in for it). */
export interface RequestRecord {
  model: string | null;
  stream: boolean;
  promptHash: string | null;
  status: number;
  fault: RecordedFault | null;
  usage: BilledUsage | null;
}

/** One request on its way through a route. */
export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  state: SimulatorState;
  requestId: string;
  seq: number;
  path: string;
  query: URLSearchParams;
  /** Path parameters captured by a RegExp route. */
  params: string[];
  startedAt: number;
  /** The route's error envelope. */
  renderError: ErrorRenderer;
  /** Adds this request to the ledger (once). Routes call it when the outcome is decided. */
  record(record: RequestRecord): void;
}

/** One endpoint of the simulated gateway. */
export interface Route {
  method: 'GET' | 'POST';
  /** An exact path, or a pattern whose groups become `params`. */
  path: string | RegExp;
  /** Requires the gateway key. Default true. */
  auth?: boolean;
  /** Counts in the ledger and the request sequence. Default true. */
  ledger?: boolean;
  /** Error envelope of the route. Default: the OpenAI-style gateway envelope. */
  renderError?: ErrorRenderer;
  handle(context: RouteContext): void | Promise<void>;
}
