import { ConfigError } from '../errors.js';
import type { RateLimits } from '../settings/limits.js';

const ITEM = /^(\d+(?:\.\d+)?)([km]?)(c|rpm|tpm)$/i;

/**
 * Parses one `--limit` value. A plain whole number is the row limit
 * (`--limit 100`); `model=spec` sets a model's limits, where spec is a comma
 * list of `8c` (concurrency), `60rpm`, `200ktpm` (k = thousand, m = million).
 * `*=spec` applies to every model without its own entry.
 */
export function parseLimitFlag(value: string): { rows: number } | { model: string; limits: RateLimits } {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const rows = Number(trimmed);
    if (rows < 1) throw new ConfigError(`--limit ${value}: the row limit must be at least 1.`);
    return { rows };
  }
  const separator = trimmed.lastIndexOf('=');
  if (separator <= 0) {
    throw new ConfigError(
      `--limit ${value}: expected a row count (--limit 100) or model limits (--limit qwen3-max=8c,60rpm,200ktpm).`,
    );
  }
  const model = trimmed.slice(0, separator);
  const limits: RateLimits = {};
  for (const item of trimmed.slice(separator + 1).split(',')) {
    const match = ITEM.exec(item.trim());
    if (!match) {
      throw new ConfigError(`--limit ${value}: '${item}' is not a limit; use e.g. 8c (concurrency), 60rpm or 200ktpm.`);
    }
    const scale = match[2].toLowerCase() === 'k' ? 1_000 : match[2].toLowerCase() === 'm' ? 1_000_000 : 1;
    const amount = Number(match[1]) * scale;
    const unit = match[3].toLowerCase();
    if (unit === 'c') {
      if (!Number.isInteger(amount) || amount < 1)
        throw new ConfigError(`--limit ${value}: concurrency must be a whole number of at least 1.`);
      limits.concurrency = amount;
    } else if (amount <= 0) {
      throw new ConfigError(`--limit ${value}: ${unit} must be above 0.`);
    } else {
      limits[unit as 'rpm' | 'tpm'] = amount;
    }
  }
  return { model, limits };
}
