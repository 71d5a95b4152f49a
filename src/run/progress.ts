import { inertText } from '../util/terminal-text.js';

/** Where progress goes: a writable with an optional TTY flag (stderr in the CLI). */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

interface ModelCounts {
  total: number;
  done: number;
  errors: number;
}

/**
 * Live progress per model. On a TTY it redraws one line per model
 * (done/total, errors, rate, ETA); without one (CI) it prints a plain line
 * every `plainIntervalMs`.
 */
export class Progress {
  private readonly counts = new Map<string, ModelCounts>();
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | null = null;
  private drawnLines = 0;

  constructor(
    private readonly output: ProgressOutput,
    totals: Map<string, number>,
    private readonly options: {
      ttyIntervalMs?: number;
      plainIntervalMs?: number;
      /** Until when a model is paused because the gateway asked to wait (performance.now() clock), or null. */
      pausedUntil?: (model: string) => number | null;
    } = {},
  ) {
    for (const [model, total] of totals) this.counts.set(model, { total, done: 0, errors: 0 });
  }

  start(): void {
    const tty = this.output.isTTY === true;
    const interval = tty ? (this.options.ttyIntervalMs ?? 250) : (this.options.plainIntervalMs ?? 5_000);
    this.timer = setInterval(() => this.render(), interval);
    this.timer.unref();
  }

  record(model: string, ok: boolean): void {
    const counts = this.counts.get(model);
    if (!counts) return;
    counts.done += 1;
    if (!ok) counts.errors += 1;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.render();
  }

  /** The progress lines as text, one per model. */
  lines(): string[] {
    const seconds = (performance.now() - this.started) / 1000;
    const names = new Map([...this.counts.keys()].map((model) => [model, inertText(model, { oneLine: true })]));
    const width = Math.max(...[...names.values()].map((name) => name.length));
    return [...this.counts.entries()].map(([model, counts]) => {
      const rate = seconds > 0 ? counts.done / seconds : 0;
      const remaining = counts.total - counts.done;
      const eta = remaining <= 0 ? 'done' : rate > 0 ? `eta ${formatDuration(remaining / rate)}` : 'eta -';
      const percent = counts.total > 0 ? Math.floor((counts.done / counts.total) * 100) : 100;
      const line = `${(names.get(model) ?? model).padEnd(width)}  ${counts.done}/${counts.total} (${percent}%)  errors ${counts.errors}  ${rate.toFixed(1)}/s  ${eta}`;
      return `${line}${this.pauseNote(model)}`;
    });
  }

  /** `  paused until 14:05:09 (the gateway asked to wait)` while the model is paused for more than a second. */
  private pauseNote(model: string): string {
    const until = this.options.pausedUntil?.(model) ?? null;
    if (until === null || until - performance.now() < 1_000) return '';
    const wall = new Date(Date.now() + (until - performance.now()));
    return `  paused until ${wall.toTimeString().slice(0, 8)} (the gateway asked to wait)`;
  }

  private render(): void {
    const lines = this.lines();
    if (this.output.isTTY) {
      const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F` : '';
      this.output.write(`${up}${lines.map((line) => `\x1b[2K${line}`).join('\n')}\n`);
      this.drawnLines = lines.length;
    } else {
      this.output.write(
        `[progress ${formatDuration((performance.now() - this.started) / 1000)}] ${lines.join(' | ')}\n`,
      );
    }
  }
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}
