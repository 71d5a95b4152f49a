import { normaliseLines, normaliseText } from './prompt-shape.js';

/** A known answer: a number, an option letter, or free text. */
export type KnownAnswer =
  | { kind: 'number'; value: string }
  | { kind: 'letter'; value: string }
  | { kind: 'text'; value: string };

/** One question the simulator knows the answer to. */
export interface KnowledgeEntry {
  /** Whitespace-normalised question text. */
  question: string;
  answer: KnownAnswer;
  /** Option texts, used to tell apart rows that share a question. */
  options: string[];
  /**
   * The row's group values as given (e.g. its subject, then its category), most
   * specific first; a profile's `accuracyByGroup` is matched against them in this order.
   */
  groups: string[];
}

const prefixLength = 48;

/** Reads a dataset answer: a GSM8K `#### n` tail, a bare number, an option letter, or text. */
export function parseKnownAnswer(raw: string): KnownAnswer {
  const text = raw.trim();
  const tail = /####\s*([^\n]+)\s*$/.exec(text);
  const candidate = (tail ? tail[1] : text).trim();
  const numeric = candidate.replace(/,/g, '').replace(/^\$/, '');
  if (/^-?\d+(\.\d+)?$/.test(numeric)) return { kind: 'number', value: numeric };
  if (/^[A-J]$/.test(candidate)) return { kind: 'letter', value: candidate };
  return { kind: 'text', value: candidate };
}

/**
 * Questions indexed by their first 48 normalised characters, found in a prompt
 * when the prompt contains the question starting at one of its lines.
 */
export class KnowledgeBase {
  private readonly byPrefix = new Map<string, KnowledgeEntry[]>();
  private readonly shortLengths = new Set<number>();
  private entryCount = 0;

  get size(): number {
    return this.entryCount;
  }

  /**
   * Adds a question and its answer (raw dataset form, e.g. a GSM8K solution),
   * with the groups it belongs to, most specific first (blank values are dropped).
   */
  add(options: { question: string; answer: string; choices?: string[]; groups?: readonly string[] }): void {
    const question = normaliseText(options.question);
    if (question.length === 0) return;
    const entry: KnowledgeEntry = {
      question,
      answer: parseKnownAnswer(options.answer),
      options: (options.choices ?? []).map(normaliseText).filter((choice) => choice.length > 0),
      groups: [...new Set((options.groups ?? []).filter((group) => group.trim().length > 0))],
    };
    const key = question.slice(0, prefixLength);
    if (key.length < prefixLength) this.shortLengths.add(key.length);
    const bucket = this.byPrefix.get(key);
    if (bucket) bucket.push(entry);
    else this.byPrefix.set(key, [entry]);
    this.entryCount += 1;
  }

  /** The known question a prompt contains (the longest, then the one whose options it shows), or null. */
  find(prompt: string): KnowledgeEntry | null {
    if (this.entryCount === 0) return null;
    const { text, lineStarts } = normaliseLines(prompt);
    let best: KnowledgeEntry | null = null;
    let bestScore = -1;
    for (const start of lineStarts) {
      const keys = [text.slice(start, start + prefixLength)];
      for (const length of this.shortLengths) {
        if (start + length <= text.length) keys.push(text.slice(start, start + length));
      }
      for (const key of keys) {
        for (const entry of this.byPrefix.get(key) ?? []) {
          if (!text.startsWith(entry.question, start)) continue;
          const shown = entry.options.filter((choice) => text.includes(choice)).length;
          const score = entry.question.length * 100 + shown;
          if (score > bestScore) {
            best = entry;
            bestScore = score;
          }
        }
      }
    }
    return best;
  }
}
