import { readFileSync } from 'node:fs';

/** The tool's version, read from package.json next to dist/ (or src/ under tests). */
export function toolVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
