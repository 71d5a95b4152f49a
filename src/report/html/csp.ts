import { createHash } from 'node:crypto';

/** A CSP hash source (`'sha256-…'`) for an inline script or style, hashed over its exact text. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The report's Content-Security-Policy: nothing loads or connects by default;
 * only our own inline script and style (by hash) run, images only from data:
 * URLs, and media only from local files beside the report (downloaded videos).
 * `base-uri` and `form-action` close the two holes `default-src` leaves open.
 */
export function contentSecurityPolicy(options: { script: string; style: string }): string {
  return [
    "default-src 'none'",
    `script-src ${hashSource(options.script)}`,
    `style-src ${hashSource(options.style)}`,
    'img-src data:',
    "media-src 'self' file:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
