import type { ResultRecord } from '../../results/result-record.js';

/**
 * Optional fields some records carry beyond the base schema (cost, video
 * tasks). Read defensively: any of them may be absent or null on older runs.
 */
export interface RecordExtras {
  costUsd: number | null;
  videoUrl: string | null;
  videoFile: string | null;
  videoStatus: string | null;
  timeToDoneMs: number | null;
}

function field(record: ResultRecord, name: string): unknown {
  return (record as unknown as Record<string, unknown>)[name];
}

function numberField(record: ResultRecord, name: string): number | null {
  const value = field(record, name);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringField(record: ResultRecord, name: string): string | null {
  const value = field(record, name);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Reads the optional cost and video fields of a record (video rows keep theirs under `video`). */
export function recordExtras(record: ResultRecord): RecordExtras {
  const video = (record.video ?? {}) as unknown as ResultRecord;
  return {
    costUsd: numberField(record, 'cost_usd'),
    videoUrl: stringField(video, 'video_url'),
    videoFile: stringField(video, 'file'),
    videoStatus: stringField(video, 'state'),
    timeToDoneMs: numberField(video, 'time_to_done_ms'),
  };
}

/** The prompt as one readable text: a string as is, a messages array as `role: text` lines. */
export function inputText(input: ResultRecord['input']): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  return input
    .map((message) => {
      const content =
        typeof message.content === 'string'
          ? message.content
          : message.content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join(' ');
      return `${message.role}: ${content}`;
    })
    .join('\n');
}
