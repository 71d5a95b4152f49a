import { createReadStream } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';

/**
 * The reference client: the same requests as the runner (one chat/completions
 * POST per row and model, the same concurrency, one keep-alive pool), with
 * nothing else: no scheduling, files or statistics. A 429 is retried after its
 * `Retry-After` (at most eight times), as any careful client would. What the
 * runner costs beyond this is our overhead. It runs on undici or on node:http
 * (`transport`); the benchmark compares the runner with the faster of the two.
 * Prints one JSON line of measurements.
 */
interface BareOptions {
  baseUrl: string;
  apiKey: string;
  models: string[];
  dataset: string;
  concurrency: number;
  transport?: 'undici' | 'http';
}

interface Reply {
  status: number;
  retryAfter: string | null;
  body: { usage?: unknown };
}

const options = JSON.parse(process.argv[2] ?? '{}') as BareOptions;
const started = performance.now();
const lines = createInterface({ input: createReadStream(options.dataset, { encoding: 'utf8' }), crlfDelay: Infinity });
let requests = 0;
let errors = 0;
let rateLimited = 0;

const undiciAgent = new Agent({ connections: options.concurrency, keepAliveTimeout: 30_000 });
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
const url = new URL(`${options.baseUrl}/chat/completions`);
const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` };

async function postUndici(body: string): Promise<Reply> {
  const response = await request(url, { method: 'POST', dispatcher: undiciAgent, headers, body });
  const retryAfter = response.headers['retry-after'];
  return {
    status: response.statusCode,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
    body: (await response.body.json()) as Reply['body'],
  };
}

function postHttp(body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method: 'POST', agent: httpAgent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply['body'],
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const post = options.transport === 'http' ? postHttp : postUndici;

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
    const body = JSON.stringify({ model: job.model, messages: [{ role: 'user', content: job.question }] });
    let reply = await post(body);
    requests += 1;
    for (let retry = 0; reply.status === 429 && retry < 8; retry += 1) {
      rateLimited += 1;
      const seconds = Number(reply.retryAfter ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Number.isFinite(seconds) ? seconds * 1000 : 1000));
      reply = await post(body);
      requests += 1;
    }
    if (reply.status === 429) rateLimited += 1;
    if (reply.status !== 200 || !reply.body.usage) errors += 1;
  }
}

await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
await undiciAgent.close();
httpAgent.destroy();
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    wallMs: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    requests,
    errors,
    rateLimited,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
