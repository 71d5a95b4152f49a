import { randomAlphanumeric } from './random.js';

let cachedSecond = -1;
let cachedStamp = '';

function stampFor(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedStamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  }
  return cachedStamp;
}

/**
 * A gateway-style request id: UTC `yyyyMMddHHmmss`, nine digits of sequence
 * and eight random letters, like `20251229093443000000017aBcDeFgH`.
 */
export function makeRequestId(options: { seq: number; now: number }): string {
  const sequence = String(options.seq % 1_000_000_000).padStart(9, '0');
  return `${stampFor(options.now)}${sequence}${randomAlphanumeric(8)}`;
}
