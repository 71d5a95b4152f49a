/** Process exit codes. Each kind of problem has its own, and the README lists them. */
export const ExitCode = {
  ok: 0,
  /** The quality gate failed (score below threshold or a credible drop against the baseline). */
  gateFailed: 1,
  /** Bad input or config: a flag, a config key, a dataset row. Nothing was sent. */
  badInput: 2,
  /** Infrastructure errors above tolerance (network, gateway, auth or quota stopping a model). */
  infrastructure: 3,
  /** results.jsonl (the checkpoint) or run.json could not be written: disk full or an I/O error. */
  checkpointWrite: 4,
  /** An output (results.csv, scores.jsonl, a report) could not be written; results.jsonl is complete. */
  outputWrite: 5,
  /** The run folder is in use by another mixrouter-eval process. */
  runFolderBusy: 6,
  /** `merge`: the folders are not shards of one run (another fingerprint or shard count, or no shard at all). */
  mergeMismatch: 7,
  /** `merge`: two folders hold the same shard, or a result key appears in two folders. */
  mergeOverlap: 8,
  /** `merge`: shards are missing (and `--allow-missing` was not given). */
  mergeIncomplete: 9,
  /** Interrupted by Ctrl-C (SIGINT); the run folder can be resumed. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A problem the user can fix: printed without a stack trace, with its exit code. */
export class UserError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.badInput) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/**
 * A file could not be written (disk full, I/O error, permissions). The message names
 * the file, the system's reason and what to do; the exit code says which kind of
 * file it was (the checkpoint, or an output).
 */
export class WriteError extends UserError {
  readonly path: string;
  constructor(options: { path: string; cause: unknown; exitCode: ExitCodeValue; advice: string }) {
    const code = (options.cause as { code?: string }).code;
    const reason = code ? `${code}: ${describeCode(code)}` : String((options.cause as Error)?.message ?? options.cause);
    super(`could not write ${options.path} (${reason}). ${options.advice}`, options.exitCode);
    this.name = 'WriteError';
    this.path = options.path;
  }
}

/** What to do when an output (not the checkpoint) could not be written. */
export const OUTPUT_WRITE_ADVICE =
  'results.jsonl is complete: free space, then rebuild the outputs with `mixrouter-eval score <run>` and `mixrouter-eval report <run>`.';

/** A WriteError for an output file (results.csv, scores.jsonl, a report): exit 5. */
export function outputWriteError(path: string, cause: unknown): WriteError {
  return cause instanceof WriteError
    ? cause
    : new WriteError({ path, cause, exitCode: ExitCode.outputWrite, advice: OUTPUT_WRITE_ADVICE });
}

function describeCode(code: string): string {
  const known: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'file too large for this filesystem or process limit',
    EIO: 'input/output error',
    EROFS: 'read-only filesystem',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'a folder stands where the file should be',
  };
  return known[code] ?? 'the system refused the write';
}

/** A flag or config key is wrong. The message names it and says what to do. */
export class ConfigError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.badInput);
    this.name = 'ConfigError';
  }
}

/** A dataset file is unreadable or malformed. The message names file, line and column. */
export class DatasetError extends UserError {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  constructor(options: { file: string; line?: number | null; column?: string | null; message: string }) {
    const where = [options.file, options.line ?? null].filter((part) => part !== null).join(':');
    const column = options.column ? ` (column '${options.column}')` : '';
    super(`${where}${column}: ${options.message}`, ExitCode.badInput);
    this.name = 'DatasetError';
    this.file = options.file;
    this.line = options.line ?? null;
    this.column = options.column ?? null;
  }
}

/** Exit code of a bug in this tool (not the user's input, not the network). */
export const INTERNAL_ERROR_EXIT = 70;

/** Every exit code with its meaning: `docs/exit-codes.md` is rendered from this list. */
export const EXIT_CODES: ReadonlyArray<{ code: number; meaning: string }> = [
  {
    code: ExitCode.ok,
    meaning: 'The run finished: errors (if any) within `--max-error-rate`, and the quality gate (if any) passed.',
  },
  {
    code: ExitCode.gateFailed,
    meaning:
      'The quality gate failed: a statistically credible drop against `--baseline`, a drop beyond `--max-drop`, or a score below `--min-score`. The message names the rule.',
  },
  {
    code: ExitCode.badInput,
    meaning:
      'Bad input or config: an unknown or invalid flag, a config key, a missing file, a template column that does not exist, a malformed dataset row (file:line), a missing API key, a model `--check-models` could not find. Nothing was sent.',
  },
  {
    code: ExitCode.infrastructure,
    meaning:
      'Infrastructure errors above tolerance: more than `--max-error-rate` of rows failed, or a model was stopped because its first requests all failed with auth or quota errors.',
  },
  { code: INTERNAL_ERROR_EXIT, meaning: 'An internal error (a bug in this tool; please report it).' },
  {
    code: ExitCode.checkpointWrite,
    meaning:
      '`results.jsonl` (the checkpoint) or `run.json` could not be written: disk full or an I/O error. Scheduling stopped at once and requests in flight were cancelled; every line in `results.jsonl` is complete. Free space, then resume: finished rows are not sent again.',
  },
  {
    code: ExitCode.outputWrite,
    meaning:
      'An output could not be written (`results.csv`, `scores.jsonl`, a report). `results.jsonl` is complete; after freeing space, `mixrouter-eval score <run>` and `report <run>` rebuild the rest.',
  },
  {
    code: ExitCode.runFolderBusy,
    meaning:
      'The run folder is in use by another mixrouter-eval process (its `run.lock` names the process and host). Nothing was sent. A lock left by a killed process is taken over by itself: on this host at once, from another host once it has gone 60 s without renewal, which a new run waits to see (a live process renews it every 15 s).',
  },
  {
    code: ExitCode.mergeMismatch,
    meaning:
      '`merge`: a folder is not a shard of the same run as the others (its `run.json` has another fingerprint or shard count, or no shard). The message names the folder. Nothing was written.',
  },
  {
    code: ExitCode.mergeOverlap,
    meaning:
      '`merge`: two folders hold the same shard, or one result key appears in two folders (the same rows run twice). The message names both folders. Nothing was written.',
  },
  {
    code: ExitCode.mergeIncomplete,
    meaning:
      '`merge`: shards are missing from the set (the message lists them). Run them, or merge what exists with `--allow-missing`.',
  },
  {
    code: ExitCode.interrupted,
    meaning:
      'Interrupted by Ctrl-C. Finished rows are saved and the printed `eval --resume` command continues the run.',
  },
];
