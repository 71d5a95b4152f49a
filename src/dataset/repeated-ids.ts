import { createHash } from 'node:crypto';
import { KeySet } from '../util/key-set.js';

/** Repeated ids reported with their lines; past this many, only the count grows. */
const REPORTED = 20;
/** Ids whose first line is remembered; in a larger file a repeat of a later id knows only its own line. */
const REMEMBERED = 50_000;

/** Ids shared by more than one row of a file. */
export interface RepeatedIdsFound {
  /** The first repeated ids, each with the line of its first row (null when not remembered) and of its repeat. */
  examples: Array<{ id: string; firstLine: number | null; line: number }>;
  /** How many rows repeat an earlier id in all. */
  count: number;
}

/**
 * Finds ids that more than one row of a file carries. Memory stays flat at a
 * million rows: each id is kept as 8 bytes of its hash (`KeySet`), and the
 * first line of only the first `REMEMBERED` ids.
 */
export class RepeatedIds {
  private readonly seen = new KeySet();
  private readonly firstLines = new Map<string, number>();
  private readonly found: RepeatedIdsFound = { examples: [], count: 0 };

  see(id: string, line: number): void {
    if (this.seen.add(createHash('sha1').update(id).digest('hex'))) {
      if (this.firstLines.size < REMEMBERED) this.firstLines.set(id, line);
      return;
    }
    this.found.count += 1;
    if (this.found.examples.length < REPORTED) {
      this.found.examples.push({ id, firstLine: this.firstLines.get(id) ?? null, line });
    }
  }

  result(): RepeatedIdsFound {
    return this.found;
  }
}
