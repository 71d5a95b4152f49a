import type { Sample } from '../dataset/sample.js';
import type { ResultRecord } from '../results/result-record.js';
import type { KeySet } from '../util/key-set.js';
import type { RunBudget } from './budget.js';
import type { Lane } from './lane.js';
import type { JobEnvironment } from './job.js';
import { resultKey } from './result-key.js';
import { runJob } from './run-job.js';
import { runVideoJob, type PendingVideo, type VideoRunSettings } from './video/run-video-job.js';
import type { SampleWindow } from './sample-window.js';

/** What a lane reports back to the run. */
export interface LaneHooks {
  onRecord(record: ResultRecord): void;
  /** A video task was accepted: its `pending` line must be on disk before polling starts. */
  onPending(record: ResultRecord): void;
  onSkip(sample: Sample, repeat: number): void;
  onCrash(error: unknown): void;
}

/**
 * Walks the shared sample window for one model, starting a job whenever the
 * model has a free ticket. Jobs for other models never wait behind this one's
 * limits, and only the window (not the cross product) is ever in memory.
 */
export async function runLane(options: {
  lane: Lane;
  window: SampleWindow;
  environment: JobEnvironment;
  repeat: number;
  done: KeySet | null;
  /** Video tasks submitted by an earlier run and not finished: polled, never submitted again. */
  pending: Map<string, PendingVideo>;
  video: VideoRunSettings;
  budget: RunBudget;
  hooks: LaneHooks;
}): Promise<void> {
  const { lane, window, environment, hooks } = options;
  const name = lane.target.name;
  const inFlight = new Set<Promise<void>>();
  let index = 0;
  try {
    outer: while (!environment.stopScheduling.aborted && lane.stoppedReason === null) {
      const sample = await window.get(index);
      if (!sample) break;
      for (let repeat = 0; repeat < options.repeat; repeat += 1) {
        const key = resultKey({ item: sample.itemKey, target: lane.target, repeat });
        if (options.done?.has(key)) {
          hooks.onSkip(sample, repeat);
          continue;
        }
        if (!options.budget.allows()) break outer;
        const queuedAt = performance.now();
        // Start a job only when it can soon be sent (see GlobalLimit); the wait is queue time.
        const room = environment.limit.roomForMore();
        if (room) await room;
        const ticket = lane.acquireTicket();
        if (ticket) await ticket;
        if (environment.stopScheduling.aborted || lane.stoppedReason !== null || !options.budget.allows()) {
          lane.releaseTicket();
          break outer;
        }
        options.budget.countRequest();
        const job = { sample, lane, repeat, key, queuedAt, ticketWaitMs: performance.now() - queuedAt };
        const { target } = lane;
        // A video job gives its ticket back once its task is submitted: polling has its own limit.
        let holdsTicket = true;
        const releaseOnce = (): void => {
          if (holdsTicket) lane.releaseTicket();
          holdsTicket = false;
        };
        const work =
          target.format === 'video-task'
            ? runVideoJob({
                job: { ...job, target },
                environment,
                settings: options.video,
                resume: options.pending.get(key) ?? null,
                onPending: hooks.onPending,
                onSubmitted: releaseOnce,
              })
            : runJob({ ...job, target }, environment);
        const running: Promise<void> = work
          .then((record) => {
            if (record) hooks.onRecord(record);
          })
          .catch((error: unknown) => hooks.onCrash(error))
          .finally(() => {
            releaseOnce();
            inFlight.delete(running);
          });
        inFlight.add(running);
      }
      index += 1;
      window.advance(name, index);
    }
  } finally {
    window.retire(name);
    await Promise.all(inFlight);
  }
}
