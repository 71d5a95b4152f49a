import { shortHash } from '../../util/hash.js';
import { hash32, hashUnit } from '../random.js';
import { makeVideoFile, type VideoFile } from './videos-mp4.js';

/** How a simulated task ends: with a video, with a failure, or never (stuck in progress). */
export type VideoOutcome = 'ok' | 'fail' | 'stuck';

/** Faults a poll can meet instead of the task (a replacing fault of the normal fault plan). */
export type VideoPollFault = 'ok' | 'serverError' | 'html502' | 'connectionReset' | 'rateLimit';

/** How simulated video tasks behave (`SimulatorOptions.video`). Every field is optional. */
export interface VideoSimulation {
  /** Time queued before running, in ms, scaled by `latencyScale`. Default 2,000. */
  queuedMs?: number;
  /** Time running before the outcome, in ms, scaled by `latencyScale`. Default 6,000. */
  runningMs?: number;
  /** Polls answered `queued` before a task may start, whatever the clock says. Default 0. */
  queuedPolls?: number;
  /** Polls answered `in_progress` before a task may finish. Default 0. */
  runningPolls?: number;
  /** Share of tasks that fail (moderation error), drawn per task id. Default 0. */
  failRate?: number;
  /** Share of tasks that never leave `in_progress`. Default 0. */
  stuckRate?: number;
  /** Outcomes consumed one per submission, in order, before the rates apply. */
  outcomes?: VideoOutcome[];
  /** Share of polls answered 500 instead of the task, drawn per (task, poll number). Default 0. */
  pollErrorRate?: number;
  /** Poll faults consumed one per poll (any task), in order, before `pollErrorRate` applies. */
  pollFaults?: VideoPollFault[];
  /** Include `usage` in `/v1/videos` results (newer gateway builds; the task-record route always has Ark's). Default false. */
  usageOnPoll?: boolean;
  /** Lifetime of a video URL after completion, in ms (then 403, like an expired signed link). Default 24 h. */
  urlTtlMs?: number;
  /** Size of each generated MP4, in bytes. Default 4,096. */
  fileBytes?: number;
}

/** The request facts a task keeps. */
export interface VideoRequestFacts {
  model: string;
  prompt: string;
  /** Image URLs in order (from `metadata.content` when given, else `images`). */
  imageUrls: string[];
  durationSeconds: number;
  resolution: string;
  ratio: string;
  seed: number;
}

/** One simulated task. */
export interface VideoTask extends VideoRequestFacts {
  taskId: string;
  promptHash: string;
  outcome: VideoOutcome;
  phase: 'queued' | 'running' | 'succeeded' | 'failed';
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Polls that reached the task (faulted ones excluded) while in the current phase. */
  pollsInPhase: number;
  polls: number;
  faultedPolls: number;
  downloads: number;
  usageBilled: boolean;
  /** Fingerprint of the served file, known once the task succeeded. */
  file: { sha256: string; size: number } | null;
}

/** Counters that prove what the client did (kill-and-resume tests: zero resubmissions). */
export interface VideoStats {
  submissions: number;
  polls: number;
  faultedPolls: number;
  downloads: number;
  /** (model, promptHash) pairs submitted more than once. */
  resubmittedPrompts: number;
  submissionsByPrompt: Array<{ model: string; promptHash: string; count: number }>;
  tasks: Array<
    Pick<
      VideoTask,
      'taskId' | 'model' | 'promptHash' | 'outcome' | 'phase' | 'polls' | 'faultedPolls' | 'downloads' | 'file'
    >
  >;
}

/** The key a submission is counted under: first 20 hex characters of sha256 over `[prompt, imageUrls]`. */
export function videoPromptHash(options: { prompt: string; imageUrls: readonly string[] }): string {
  return shortHash(JSON.stringify([options.prompt, options.imageUrls]));
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Every task of one simulator, advanced lazily on each poll against the wall clock and poll counts. */
export class VideoTaskTable {
  private readonly tasks = new Map<string, VideoTask>();
  private readonly promptCounts = new Map<string, { model: string; promptHash: string; count: number }>();
  private outcomeScript: VideoOutcome[];
  private pollScript: VideoPollFault[];
  private created = 0;
  private totals = { polls: 0, faultedPolls: 0, downloads: 0 };

  constructor(private readonly options: { settings: VideoSimulation; latencyScale: number; seed: number }) {
    this.outcomeScript = [...(options.settings.outcomes ?? [])];
    this.pollScript = [...(options.settings.pollFaults ?? [])];
  }

  get settings(): VideoSimulation {
    return this.options.settings;
  }

  /** Creates a task (ids are deterministic per simulator seed and creation order). */
  submit(facts: VideoRequestFacts, now: number): VideoTask {
    this.created += 1;
    const taskId = `task_${this.idChars(this.created)}`;
    const promptHash = videoPromptHash(facts);
    const task: VideoTask = {
      ...facts,
      taskId,
      promptHash,
      outcome: this.outcomeScript.shift() ?? this.drawOutcome(taskId),
      phase: 'queued',
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      pollsInPhase: 0,
      polls: 0,
      faultedPolls: 0,
      downloads: 0,
      usageBilled: false,
      file: null,
    };
    this.tasks.set(taskId, task);
    const key = `${facts.model}\u0000${promptHash}`;
    const counted = this.promptCounts.get(key) ?? { model: facts.model, promptHash, count: 0 };
    counted.count += 1;
    this.promptCounts.set(key, counted);
    return task;
  }

  find(taskId: string): VideoTask | undefined {
    return this.tasks.get(taskId);
  }

  /** The fault for the next poll of `task`, or null; counts the poll either way. */
  pollFault(task: VideoTask): Exclude<VideoPollFault, 'ok'> | null {
    task.polls += 1;
    this.totals.polls += 1;
    const scripted = this.pollScript.shift();
    const rate = this.settings.pollErrorRate ?? 0;
    const fault =
      scripted !== undefined
        ? scripted
        : rate > 0 && hashUnit(`${task.taskId}#${task.polls}`, this.options.seed) < rate
          ? 'serverError'
          : 'ok';
    if (fault === 'ok') return null;
    task.faultedPolls += 1;
    this.totals.faultedPolls += 1;
    return fault;
  }

  /** Moves a task along its lifecycle as far as the clock and its poll counts allow, then counts this poll. */
  advance(task: VideoTask, now: number): VideoTask {
    const scale = Math.max(0, this.options.latencyScale);
    const queuedEnd = task.createdAt + (this.settings.queuedMs ?? 2_000) * scale;
    const runningEnd = queuedEnd + (this.settings.runningMs ?? 6_000) * scale;
    if (task.phase === 'queued' && now >= queuedEnd && task.pollsInPhase >= (this.settings.queuedPolls ?? 0)) {
      task.phase = 'running';
      task.startedAt = now;
      task.pollsInPhase = 0;
    }
    if (
      task.phase === 'running' &&
      task.outcome !== 'stuck' &&
      now >= runningEnd &&
      task.pollsInPhase >= (this.settings.runningPolls ?? 0)
    ) {
      task.phase = task.outcome === 'ok' ? 'succeeded' : 'failed';
      task.finishedAt = now;
      task.pollsInPhase = 0;
      if (task.phase === 'succeeded') {
        const file = this.fileOf(task);
        task.file = { sha256: file.sha256, size: file.bytes.length };
      }
    }
    task.pollsInPhase += 1;
    return task;
  }

  /** True once a stuck task is past its running time: Ark would have expired it, the gateway still says in progress. */
  isExpiredUpstream(task: VideoTask, now: number): boolean {
    const scale = Math.max(0, this.options.latencyScale);
    return (
      task.outcome === 'stuck' &&
      task.phase === 'running' &&
      now >= task.createdAt + ((this.settings.queuedMs ?? 2_000) + (this.settings.runningMs ?? 6_000)) * scale
    );
  }

  /** The task's MP4 bytes (regenerated on demand; only the fingerprint is kept). */
  fileOf(task: VideoTask): VideoFile {
    return makeVideoFile({
      taskId: task.taskId,
      seed: this.options.seed,
      durationSeconds: task.durationSeconds,
      size: this.settings.fileBytes,
    });
  }

  countDownload(task: VideoTask): void {
    task.downloads += 1;
    this.totals.downloads += 1;
  }

  stats(): VideoStats {
    const submissionsByPrompt = [...this.promptCounts.values()].map((entry) => ({ ...entry }));
    return {
      submissions: this.tasks.size,
      ...this.totals,
      resubmittedPrompts: submissionsByPrompt.filter((entry) => entry.count > 1).length,
      submissionsByPrompt,
      tasks: [...this.tasks.values()].map(
        ({ taskId, model, promptHash, outcome, phase, polls, faultedPolls, downloads, file }) => ({
          taskId,
          model,
          promptHash,
          outcome,
          phase,
          polls,
          faultedPolls,
          downloads,
          file,
        }),
      ),
    };
  }

  /** Forgets every task and counter, and restarts the scripts; ids keep counting so old handles never match new tasks. */
  clear(): void {
    this.tasks.clear();
    this.promptCounts.clear();
    this.totals = { polls: 0, faultedPolls: 0, downloads: 0 };
    this.outcomeScript = [...(this.settings.outcomes ?? [])];
    this.pollScript = [...(this.settings.pollFaults ?? [])];
  }

  private drawOutcome(taskId: string): VideoOutcome {
    const unit = hashUnit(taskId, this.options.seed ^ 0x2545f491);
    const failRate = this.settings.failRate ?? 0;
    if (unit < failRate) return 'fail';
    return unit < failRate + (this.settings.stuckRate ?? 0) ? 'stuck' : 'ok';
  }

  private idChars(number: number): string {
    let text = '';
    for (let index = 0; index < 16; index += 1)
      text += idAlphabet[hash32(`${number}:${index}`, this.options.seed) % idAlphabet.length];
    return text;
  }
}
