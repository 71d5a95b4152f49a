import type { ResultRecord } from '../results/result-record.js';
import type { Lane } from './lane.js';

/**
 * Stops a model whose quota or balance ran out (every later request would fail
 * the same way) at its first quota error, and a model whose first requests all
 * failed with auth errors: one clear message instead of a thousand identical
 * error rows. Returns the stop reason when it stopped the model just now.
 */
export class AuthFailureWatch {
  private readonly state = new Map<string, { failures: number; sawOther: boolean }>();

  constructor(private readonly threshold: number) {}

  observe(record: ResultRecord, lane: Lane | undefined): string | null {
    const state = this.state.get(record.model) ?? { failures: 0, sawOther: false };
    this.state.set(record.model, state);
    const kind = record.error?.kind;
    if (kind === 'quota' && lane && lane.stoppedReason === null) {
      lane.stoppedReason = `its quota or balance ran out: ${record.error?.message ?? ''}`;
      return lane.stoppedReason;
    }
    if (kind !== 'auth' && kind !== 'quota') {
      state.sawOther = true;
      return null;
    }
    if (state.sawOther) return null;
    state.failures += 1;
    if (!lane || lane.stoppedReason !== null || state.failures < this.threshold) return null;
    lane.stoppedReason = `its first ${state.failures} requests failed with ${kind} errors: ${record.error?.message ?? ''}`;
    return lane.stoppedReason;
  }
}
