import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';

/**
 * The reference client: the same requests as the runner (one chat/completions
 * POST per row and model, the same concurrency, one keep-alive pool), with
 * nothing else: no scheduling, retries, files or statistics. What the runner
 * costs beyond this is our overhead. Prints one JSON line of measurements.
 */
interface BareOptions {
  baseUrl: string;
  apiKey: string;
  models: string[];
  dataset: string;
  concurrency: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as BareOptions;
const started = performance.now();
const agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 30_000 });
const lines = createInterface({ input: createReadStream(options.dataset, { encoding: 'utf8' }), crlfDelay: Infinity });
let requests = 0;
let errors = 0;

/** Every (row, model) pair, in order; an async generator serialises the workers' pulls. */
async function* jobs(): AsyncGenerator<{ question: string; model: string }> {
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const question = line.slice(line.indexOf(',') + 1);
    for (const model of options.models) yield { question, model };
  }
}

const source = jobs();

async function nextJob(): Promise<{ question: string; model: string } | null> {
  const next = await source.next();
  return next.done ? null : next.value;
}

async function worker(): Promise<void> {
  for (let job = await nextJob(); job; job = await nextJob()) {
    const response = await request(`${options.baseUrl}/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
      body: JSON.stringify({ model: job.model, messages: [{ role: 'user', content: job.question }] }),
    });
    const body = (await response.body.json()) as { usage?: unknown };
    requests += 1;
    if (response.statusCode !== 200 || !body.usage) errors += 1;
  }
}

await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
await agent.close();
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    wallMs: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    requests,
    errors,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
