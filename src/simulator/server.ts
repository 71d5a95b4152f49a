import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadKnowledge } from './answer/knowledge-loader.js';
import type { SimulatorFaults } from './faults.js';
import type { SimulatorHandle, SimulatorOptions } from './options.js';
import type { Route } from './route-context.js';
import { createRouter } from './router.js';
import { chatCompletionsRoute } from './routes/chat-completions.js';
import { controlRoutes } from './routes/control.js';
import { geminiGenerateRoute } from './routes/gemini-generate.js';
import { messagesRoute } from './routes/messages.js';
import { modelsRoutes } from './routes/models.js';
import { responsesRoute } from './routes/responses.js';
import { VideoTaskTable, videoRoutes } from './routes/videos.js';
import { createState } from './state.js';

export { SIMULATOR_API_KEY } from './options.js';
export type { SimulatorHandle, SimulatorOptions } from './options.js';

/** How long an idle keep-alive connection stays open. */
const keepAliveMs = 120_000;

/**
 * Starts the simulated mixrouter gateway on 127.0.0.1: real HTTP, the
 * gateway's wire formats, deterministic answers, latency profiles, faults and
 * a ledger of every request.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const state = createState(options);
  const videoTasks = new VideoTaskTable({
    settings: options.video ?? {},
    latencyScale: state.latencyScale,
    seed: state.seed,
  });
  if (options.knowledge && options.knowledge.length > 0) {
    await loadKnowledge({ base: state.knowledge, files: options.knowledge });
  }
  const reset = (): void => {
    state.ledger.clear();
    state.promptCache.clear();
    videoTasks.clear();
    state.rateLimiter.clear();
  };
  const routes: Route[] = [
    chatCompletionsRoute,
    responsesRoute,
    messagesRoute,
    geminiGenerateRoute,
    ...modelsRoutes(state.profiles),
    ...videoRoutes(videoTasks),
    ...controlRoutes({
      reset,
      summaryExtras: () => ({ video: videoTasks.stats(), rateLimits: state.rateLimiter.counts() }),
    }),
  ];
  const listener = createRouter({ routes, state });
  const server = createServer({ keepAlive: true, requestTimeout: 0 }, (request, response) => {
    void listener(request, response);
  });
  server.keepAliveTimeout = keepAliveMs;
  server.headersTimeout = keepAliveMs + 1_000;
  server.timeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    apiKey: state.apiKey,
    ledger: state.ledger,
    videoStats: () => videoTasks.stats(),
    setFaults: (faults: SimulatorFaults) => state.faults.replace(faults),
    setRateLimits: (limits, scope) => state.rateLimiter.replace(limits, scope),
    rateLimitCounts: () => state.rateLimiter.counts(),
    addKnowledge: (question: string, answer: string, groups?: readonly string[]) =>
      state.knowledge.add({ question, answer, groups }),
    reset,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        state.scheduler.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
