import { stringOrNull } from '../json-values.js';

/** Which delta family a streamed part belongs to; reasoning summaries rank before raw reasoning text. */
export type PartFamily = 'output_text' | 'summary' | 'reasoning_text';

interface Part {
  family: PartFamily;
  item: string;
  outputIndex: number;
  partIndex: number;
  arrival: number;
  text: string;
}

/** Collects streamed text parts keyed by item and part index, and returns them in output order. */
export interface PartCollector {
  /** Appends a `*.delta` event's `delta`; returns the appended text. */
  append(options: { family: PartFamily; event: Record<string, unknown> }): string;
  /** Replaces the part with a `*.done` event's full `text`, which is authoritative over the deltas. */
  complete(options: { family: PartFamily; event: Record<string, unknown> }): void;
  /** Non-empty texts of one family, by output index, then part index, then arrival. */
  texts(family: PartFamily): string[];
  /** Reasoning texts: summaries, plus raw reasoning text of items that streamed no summary (openai-responses.md §5). */
  reasoningTexts(): string[];
}

const familyRank: Record<PartFamily, number> = { output_text: 0, summary: 0, reasoning_text: 1 };

function indexOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.MAX_SAFE_INTEGER;
}

/** Creates a collector. Parts are keyed by `item_id` (else `output_index`) and `summary_index` / `content_index`. */
export function createPartCollector(): PartCollector {
  const parts = new Map<string, Part>();
  let arrivals = 0;

  const partFor = (family: PartFamily, event: Record<string, unknown>): Part => {
    const outputIndex = indexOf(event.output_index);
    const item = stringOrNull(event.item_id) ?? `#${outputIndex}`;
    const partIndex = indexOf(family === 'summary' ? event.summary_index : event.content_index);
    const key = `${family}\u0000${item}\u0000${partIndex}`;
    let part = parts.get(key);
    if (part === undefined) {
      part = { family, item, outputIndex, partIndex, arrival: arrivals++, text: '' };
      parts.set(key, part);
    }
    return part;
  };

  const ordered = (wanted: (part: Part) => boolean): Part[] =>
    [...parts.values()]
      .filter((part) => wanted(part) && part.text !== '')
      .sort(
        (left, right) =>
          left.outputIndex - right.outputIndex ||
          familyRank[left.family] - familyRank[right.family] ||
          left.partIndex - right.partIndex ||
          left.arrival - right.arrival,
      );

  return {
    append({ family, event }) {
      const delta = stringOrNull(event.delta) ?? '';
      partFor(family, event).text += delta;
      return delta;
    },
    complete({ family, event }) {
      const text = stringOrNull(event.text);
      if (text !== null) partFor(family, event).text = text;
    },
    texts(family) {
      return ordered((part) => part.family === family).map((part) => part.text);
    },
    reasoningTexts() {
      const summarised = new Set(ordered((part) => part.family === 'summary').map((part) => part.item));
      return ordered(
        (part) => part.family === 'summary' || (part.family === 'reasoning_text' && !summarised.has(part.item)),
      ).map((part) => part.text);
    },
  };
}
