import { fstatSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { toSimulatorOptions } from './cli-options.js';
import { startSimulator, type SimulatorHandle } from './server.js';

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new Error(`--${name} needs a number, got '${value}'`);
  return number;
}

/**
 * Starts a simulator from command-line arguments (`--port 0 --latency-scale 1
 * --faults rateLimit=0.05 --knowledge file --seed 1 --unavailable m1,m2
 * --usage-when-not-asked gateway --accuracy model-x=0.9,model-x:STEM=0.2 --rate-limit '*=6000rpm,50burst'
 * --rate-limit-per model`) and writes one JSON line
 * `{"baseUrl","port","apiKey"}` to `output` once it listens.
 */
export async function runSimulatorMain(options: {
  argv: string[];
  output: (line: string) => void;
}): Promise<SimulatorHandle> {
  const { values } = parseArgs({
    args: options.argv,
    options: {
      port: { type: 'string' },
      'latency-scale': { type: 'string' },
      faults: { type: 'string' },
      knowledge: { type: 'string', multiple: true },
      seed: { type: 'string' },
      unavailable: { type: 'string' },
      'usage-when-not-asked': { type: 'string' },
      accuracy: { type: 'string', multiple: true },
      'rate-limit': { type: 'string', multiple: true },
      'rate-limit-per': { type: 'string' },
    },
    strict: true,
  });
  const simulator = await startSimulator(
    toSimulatorOptions({
      port: numberOption(values.port, 'port'),
      latencyScale: numberOption(values['latency-scale'], 'latency-scale'),
      faults: values.faults,
      knowledge: values.knowledge,
      seed: numberOption(values.seed, 'seed'),
      unavailableModels: values.unavailable,
      usageWhenNotAsked: values['usage-when-not-asked'],
      accuracy: values.accuracy,
      rateLimit: values['rate-limit'],
      rateLimitPer: values['rate-limit-per'],
    }),
  );
  options.output(JSON.stringify({ baseUrl: simulator.baseUrl, port: simulator.port, apiKey: simulator.apiKey }));
  return simulator;
}

function stdinIsPipe(): boolean {
  try {
    const info = fstatSync(0);
    return info.isFIFO() || info.isSocket();
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const simulator = await runSimulatorMain({
    argv: process.argv.slice(2),
    output: (line) => process.stdout.write(`${line}\n`),
  });
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // A parent that spawned us with a stdin pipe stops us by closing it (or by dying).
  if (stdinIsPipe()) {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
