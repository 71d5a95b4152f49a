import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Default gateway base URL. */
export const DEFAULT_BASE_URL = 'https://api.mixrouter.com/v1';

/**
 * Loads `.env` from the working directory when present. Variables already set
 * in the environment win over the file.
 */
export function loadDotEnv(cwd: string = process.cwd()): void {
  const path = resolve(cwd, '.env');
  if (existsSync(path)) process.loadEnvFile(path);
}

/** The gateway key from `MIXROUTER_API_KEY`, or null. */
export function apiKeyFromEnv(environment: NodeJS.ProcessEnv = process.env): string | null {
  const key = environment.MIXROUTER_API_KEY?.trim();
  return key ? key : null;
}

/** Replaces every occurrence of the secret in a text, so it can be logged or written. */
export function redact(text: string, secret: string | null): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('***');
}
