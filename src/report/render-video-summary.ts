import type { VideoSummary } from '../analysis/video-summary.js';
import { renderTable } from './text-table.js';

/** The video table printed after a run with video models. */
export function renderVideoSummary(summaries: VideoSummary[]): string {
  const rows = summaries.map((summary) => [
    summary.model,
    String(summary.tasks),
    String(summary.succeeded),
    String(summary.failed),
    String(summary.timedOut),
    String(summary.notSubmitted),
    summary.medianTimeToDoneMs === null ? '-' : `${(summary.medianTimeToDoneMs / 1000).toFixed(1)} s`,
    String(summary.downloaded),
  ]);
  return `Video tasks:\n${renderTable({ header: ['model', 'tasks', 'succeeded', 'failed', 'timed out', 'not submitted', 'median time to done', 'downloaded'], rows })}`;
}
