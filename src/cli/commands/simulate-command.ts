import { ConfigError, ExitCode, type ExitCodeValue } from '../../errors.js';
import { SimulatorOptionError, toSimulatorOptions } from '../../simulator/cli-options.js';
import { startSimulator } from '../../simulator/server.js';
import type { SimulateArgs } from '../program.js';
import type { CommandIo } from '../command-io.js';

/** `simulate`: runs the simulated gateway on loopback until Ctrl-C. */
export async function simulateCommand(args: SimulateArgs, io: CommandIo): Promise<ExitCodeValue> {
  let options: ReturnType<typeof toSimulatorOptions>;
  try {
    options = toSimulatorOptions({
      port: args.port,
      latencyScale: args.latencyScale,
      faults: args.faults,
      knowledge: args.knowledge,
      accuracy: args.accuracy,
      rateLimit: args.rateLimit,
      rateLimitPer: args.rateLimitPer,
    });
  } catch (error) {
    if (error instanceof SimulatorOptionError) throw new ConfigError(error.message);
    throw error;
  }
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  try {
    simulator = await startSimulator(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      const why = code === 'EADDRINUSE' ? 'is in use by another program' : 'may not be opened by this user';
      throw new ConfigError(
        `simulate --port ${args.port}: port ${args.port} on 127.0.0.1 ${why}. Pick another, or --port 0 for a free one.`,
      );
    }
    throw error;
  }
  io.stdout.write(
    [
      `Simulated mixrouter gateway (SIMULATED answers, not real models) at ${simulator.baseUrl}`,
      `Key: ${simulator.apiKey}   (loopback only; not a secret)`,
      `Try: MIXROUTER_API_KEY=${simulator.apiKey} mixrouter-eval eval --base-url ${simulator.baseUrl} --models qwen3-max --dataset datasets/arithmetic.csv`,
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await simulator.close();
  return ExitCode.ok;
}
