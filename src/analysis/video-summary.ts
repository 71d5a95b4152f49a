import type { ResultRecord } from '../results/result-record.js';

/** Per video model: how many tasks succeeded, failed or timed out, and how long they took. */
export interface VideoSummary {
  model: string;
  tasks: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  /** Rows that failed before a task existed (rejected submit, invalid input). */
  notSubmitted: number;
  /** Median time from the accepted submit to the end, over finished tasks. */
  medianTimeToDoneMs: number | null;
  downloaded: number;
}

/** Folds final records into video summaries (non-video rows are ignored). */
export async function summarizeVideos(records: AsyncIterable<ResultRecord>): Promise<VideoSummary[]> {
  const byModel = new Map<string, VideoSummary & { times: number[] }>();
  for await (const record of records) {
    if (record.format !== 'video-task') continue;
    let summary = byModel.get(record.model);
    if (!summary) {
      summary = {
        model: record.model,
        tasks: 0,
        succeeded: 0,
        failed: 0,
        timedOut: 0,
        notSubmitted: 0,
        medianTimeToDoneMs: null,
        downloaded: 0,
        times: [],
      };
      byModel.set(record.model, summary);
    }
    summary.tasks += 1;
    const video = record.video;
    if (!video) summary.notSubmitted += 1;
    else if (video.state === 'succeeded') summary.succeeded += 1;
    else if (video.state === 'timed-out') summary.timedOut += 1;
    else summary.failed += 1;
    if (video?.file) summary.downloaded += 1;
    if (video?.time_to_done_ms != null) summary.times.push(video.time_to_done_ms);
  }
  return [...byModel.values()].map(({ times, ...summary }) => {
    times.sort((left, right) => left - right);
    return { ...summary, medianTimeToDoneMs: times.length > 0 ? times[Math.floor((times.length - 1) / 2)] : null };
  });
}
