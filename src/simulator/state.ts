import { KnowledgeBase } from './answer/knowledge.js';
import { FaultPlan } from './faults.js';
import type { GeneratorParts } from './generation.js';
import { Ledger } from './ledger.js';
import { SIMULATOR_API_KEY, type SimulatorOptions, type UsageWhenNotAsked } from './options.js';
import { ProfileBook } from './profiles.js';
import { PromptCache } from './prompt-cache.js';
import { RateLimiter } from './rate-limiter.js';
import { Scheduler } from './scheduler.js';

/** Everything the routes share for the life of one simulator. */
export interface SimulatorState extends GeneratorParts {
  apiKey: string;
  ledger: Ledger;
  faults: FaultPlan;
  scheduler: Scheduler;
  usageWhenNotAsked: UsageWhenNotAsked;
  unavailableModels: ReadonlySet<string>;
  /** The gateway's own rate limits (inactive unless configured). */
  rateLimiter: RateLimiter;
  /** Whether limiter answers carry `x-ratelimit-*` headers. */
  rateLimitHeaders: boolean;
  /** Next request sequence number. */
  nextSeq: number;
}

/** Builds the shared state from the caller's options (knowledge files are loaded separately). */
export function createState(options: SimulatorOptions): SimulatorState {
  const seed = options.seed ?? 1;
  return {
    apiKey: options.apiKey ?? SIMULATOR_API_KEY,
    ledger: new Ledger({ limit: options.ledgerLimit, trackCounts: options.trackCounts }),
    faults: new FaultPlan(options.faults, seed),
    scheduler: new Scheduler(),
    usageWhenNotAsked: options.usageWhenNotAsked ?? 'gateway',
    unavailableModels: new Set(options.unavailableModels ?? []),
    rateLimitHeaders: options.rateLimitHeaders ?? true,
    rateLimiter: new RateLimiter({ limits: options.rateLimits, per: options.rateLimitScope, clock: options.clock }),
    nextSeq: 1,
    profiles: new ProfileBook(options.profiles),
    knowledge: new KnowledgeBase(),
    promptCache: new PromptCache(),
    latencyScale: options.latencyScale ?? 1,
    seed,
  };
}
