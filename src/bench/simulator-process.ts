import { startSimulator } from '../simulator/server.js';
import type { SimulatorOptions } from '../simulator/options.js';

/**
 * The benchmark's gateway: the simulator in a process of its own, so its CPU
 * is not counted against the client being measured. Options come as one JSON
 * argument; it prints one JSON line with its base URL and key, and stops on
 * SIGTERM.
 */
const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
const simulator = await startSimulator({ trackCounts: false, ledgerLimit: 1_000, ...options });
process.stdout.write(`${JSON.stringify({ baseUrl: simulator.baseUrl, apiKey: simulator.apiKey })}\n`);
process.once('SIGTERM', () => {
  void simulator.close().then(() => process.exit(0));
});
