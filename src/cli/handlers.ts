import type { ExitCodeValue } from '../errors.js';
import { toolVersion } from '../version.js';
import type { Handlers } from './program.js';

/** The real command handlers, each loaded only when its command runs (keeps `--help` fast). */
export const realHandlers: Handlers = {
  async eval(args, io, argv) {
    const { evalCommand } = await import('./commands/eval-command.js');
    return evalCommand(args, io, argv);
  },
  async merge(args, io, argv) {
    const { mergeCommand } = await import('./commands/merge-command.js');
    return mergeCommand(args, io, argv);
  },
  async demo(args, io) {
    const { demoCommand } = await import('./commands/demo-command.js');
    return demoCommand(args, io, async (argv) => {
      const { runCli } = await import('./program.js');
      return (await runCli({ argv, handlers: realHandlers, io, version: toolVersion() })) as ExitCodeValue;
    });
  },
  async compare(args, io) {
    const { compareCommand } = await import('./commands/compare-command.js');
    return compareCommand(args, io);
  },
  async score(args, io) {
    const { runScoreCommand } = await import('./commands/score-run-command.js');
    return runScoreCommand(args, io);
  },
  async report(args, io) {
    const { reportCommand } = await import('./commands/report-command.js');
    return reportCommand(args, io);
  },
  async models(args, io) {
    const { modelsCommand } = await import('./commands/models-command.js');
    return modelsCommand(args, io);
  },
  async suites(args, io) {
    const { suitesCommand } = await import('./commands/suites-command.js');
    return suitesCommand(args, io);
  },
  async simulate(args, io) {
    const { simulateCommand } = await import('./commands/simulate-command.js');
    return simulateCommand(args, io);
  },
};
