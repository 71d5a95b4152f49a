import type { ManifestRateLimit } from '../results/manifest.js';
import type { RunConfig } from '../settings/run-config.js';
import type { RateChange } from './rate-control.js';

/**
 * One run.json entry per model and per budget group, named as the lanes name
 * them (`group <name>` for a group), with its told limits; the learned rate and
 * its changes are filled in as the run learns them.
 */
export function rateLimitEntries(config: Pick<RunConfig, 'targets' | 'groups'>): Map<string, ManifestRateLimit> {
  const entries = new Map<string, ManifestRateLimit>();
  for (const target of config.targets) {
    entries.set(target.name, entry(target.name, target.limits.rpm, target.limits.tpm));
  }
  for (const [name, limits] of Object.entries(config.groups)) {
    entries.set(`group ${name}`, entry(`group ${name}`, limits.rpm, limits.tpm));
  }
  return entries;
}

function entry(name: string, rpm: number | undefined, tpm: number | undefined): ManifestRateLimit {
  return { name, told_rpm: rpm ?? null, told_tpm: tpm ?? null, learned_rpm: null, changes: [] };
}

/** Records a change of a learned rate on its entry (made on the fly for a name the config did not list). */
export function recordRateChange(entries: Map<string, ManifestRateLimit>, change: RateChange): void {
  let target = entries.get(change.name);
  if (!target) {
    target = entry(change.name, undefined, undefined);
    entries.set(change.name, target);
  }
  target.learned_rpm = change.rpm;
  target.changes.push({ at: new Date().toISOString(), rpm: change.rpm, reason: change.reason });
}
