import type { ChatMessage } from '../types/chat-message.js';
import { canonicalJson, shortHash } from '../util/hash.js';
import { KeySet } from '../util/key-set.js';

/**
 * Hands out item keys: the short hash of a row's content, with `-n` appended
 * to the n-th repeat of identical content (n >= 2). Seen keys live in a
 * compact KeySet; only keys that actually repeat get a counter.
 */
export class ItemKeyAssigner {
  private readonly seen: KeySet;
  private readonly repeats = new Map<string, number>();

  private readonly salt: string;

  /**
   * `expectedRows` sizes the set once (a file's scan counted them), so it never grows and copies itself mid-run.
   * `salt` (a suite's `name@version`) is hashed in front of every row's content; without one, keys are those
   * of earlier versions of the tool.
   */
  constructor(expectedRows = 4096, salt?: string) {
    this.seen = new KeySet(expectedRows);
    this.salt = salt === undefined || salt === '' ? '' : `${salt}\u0000`;
  }

  /** The key for the next row with this content. */
  next(content: { input: string | ChatMessage[]; expected: string | undefined }): string {
    const key = shortHash(this.salt + contentJson(content.input, content.expected));
    if (this.seen.add(key)) return key;
    const occurrence = (this.repeats.get(key) ?? 1) + 1;
    this.repeats.set(key, occurrence);
    return `${key}-${occurrence}`;
  }
}

/**
 * `canonicalJson({ input, expected })`. For text input the key order is known
 * (expected < input), so plain JSON.stringify gives the same text much faster.
 */
function contentJson(input: string | ChatMessage[], expected: string | undefined): string {
  if (typeof input !== 'string') return canonicalJson({ input, expected });
  return expected === undefined ? JSON.stringify({ input }) : JSON.stringify({ expected, input });
}
