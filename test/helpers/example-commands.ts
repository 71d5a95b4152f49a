import { createProgram, type Handlers } from '../../src/cli/program.js';

/**
 * The `mixrouter-eval` command lines in a text (a workflow, a Job manifest, a doc),
 * as argv arrays: `npm run eval -- …`, `npx mixrouter-eval …`, `mixrouter-eval …`
 * and `node dist/bin/mixrouter-eval.js …`, with `\\` line continuations joined.
 * Shell variables become a placeholder word so the parser sees a value; an unquoted
 * word that is only a variable (optional flags, like `$baseline`) is left out.
 */
export function commandsIn(text: string): string[][] {
  const joined = text.replace(/\\\r?\n\s*/g, ' ');
  const commands: string[][] = [];
  const pattern =
    /(?:npm run (eval|demo|simulate)[ \t]+(?:--[ \t]+)?|(?:npx[ \t]+)?mixrouter-eval[ \t]+|node[ \t]+\S*mixrouter-eval\.js[ \t]+)([^\n;&|]*)/g;
  for (const match of joined.matchAll(pattern)) {
    const words = splitWords(match[2]);
    commands.push(match[1] ? [match[1], ...words] : words);
  }
  return commands;
}

/** Splits a shell command line into words (single and double quotes, `$VAR`, `${VAR}` and `${{ … }}` placeholders). */
function splitWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g;
  // A GitHub Actions expression (`${{ matrix.shard }}`) holds spaces: it becomes one placeholder first.
  const withoutComment = line.replace(/\s#.*$/, '').replace(/\$\{\{[^}]*\}\}/g, 'VALUE');
  for (const match of withoutComment.matchAll(pattern)) {
    // An unquoted word that is only a variable stands for optional flags (`$baseline`): left out.
    if (match[3] && /^\$(\w+|\{\w+\})$/.test(match[3])) continue;
    const word = match[1] ?? match[2] ?? match[3] ?? '';
    words.push(word.replace(/\$\{\{[^}]*\}\}|\$\{\w+\}|\$\w+/g, 'VALUE'));
  }
  return words.filter((word) => word !== '');
}

/** Parses one command line with the CLI's own yargs program; resolves with the error message, or null when it parses. */
export async function parseError(argv: string[]): Promise<string | null> {
  const noop = async (): Promise<number> => 0;
  const handlers: Handlers = {
    eval: noop,
    demo: noop,
    simulate: noop,
    models: noop,
    suites: noop,
    merge: noop,
    compare: noop,
    score: noop,
    report: noop,
  };
  const quiet = { write: () => true };
  try {
    await createProgram({
      handlers,
      io: { stdout: quiet, stderr: quiet },
      argv,
      version: 'test',
      onExit: () => undefined,
    }).parseAsync();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
