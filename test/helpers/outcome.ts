import type { Failure, Outcome } from '../../src/protocols/types.js';

/** The value of a successful outcome or the failure of a failed one, for assertions on either. */
export function outcomeValue<T>(outcome: Outcome<T>): T | Failure {
  return outcome.ok ? outcome.value : outcome.failure;
}

/** True when the outcome failed. */
export function isFailed<T>(outcome: Outcome<T>): outcome is { ok: false; failure: Failure } {
  return !outcome.ok;
}
