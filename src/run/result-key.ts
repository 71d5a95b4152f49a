import type { ModelTarget } from '../settings/model-target.js';
import { canonicalJson, shortHash } from '../util/hash.js';

/** Per target, the canonical JSON of what determines its answers; computed once, used for every key. */
const fingerprints = new WeakMap<ModelTarget, string>();

function fingerprintOf(target: ModelTarget): string {
  let fingerprint = fingerprints.get(target);
  if (fingerprint === undefined) {
    const video = target.format === 'video-task' ? target.video.params : null;
    fingerprint = canonicalJson({ model: target.modelId, format: target.format, params: target.params, video });
    fingerprints.set(target, fingerprint);
  }
  return fingerprint;
}

/**
 * The key of one result line. It hashes what determines the answer (item
 * content, wire model id, format, params, repeat), not where the gateway lives,
 * so a run can be resumed against another base URL.
 */
export function resultKey(options: { item: string; target: ModelTarget; repeat: number }): string {
  return shortHash(`${options.item}\u0000${fingerprintOf(options.target)}\u0000${options.repeat}`);
}
