import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; the browser tests skip when it is not installed. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM_PATH} is absent (install it with: apt-get install -y chromium)`);
}

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Flags that keep Chromium from reaching the network on its own (updates, sync, QUIC probes). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh temporary profile; `close` removes the profile. */
export async function openBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'mixrouter-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that a report must never do: requests off file:/data:, dialogs, script errors, CSP violations. */
export interface PageWatch {
  remoteRequests: string[];
  dialogs: string[];
  pageErrors: string[];
  cspViolations: string[];
}

/** Starts recording a page's requests, dialogs, uncaught errors and CSP reports. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { remoteRequests: [], dialogs: [], pageErrors: [], cspViolations: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) watch.remoteRequests.push(url);
  });
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) watch.cspViolations.push(message.text());
  });
  return watch;
}

/** Number of rows matching the current filters, as the page reports it. */
export async function matchCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('#match-count', 'data-matches'));
}

/** Indexes (into the embedded rows) of the rows drawn on the current page. */
export async function renderedRows(page: Page): Promise<number[]> {
  const indexes = await page
    .locator('#side-body tr[data-row]')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-row'))));
  return indexes;
}
