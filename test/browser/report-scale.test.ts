import { rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScoredRun } from '../../src/analysis/scored-run.js';
import { buildTableData } from '../../src/report/html/table-data.js';
import { writeReports } from '../../src/report/write-reports.js';
import { makeManifest, syntheticRecords, writeRunFolder } from '../report/html-fixtures.js';
import { hasChromium, matchCount, openBrowser, renderedRows, watchPage } from './browser-session.js';

const ITEMS = 10_000;
const MODELS = ['qwen3-max', 'deepseek-chat', 'gpt-4o-mini', 'claude-haiku'];
/** Generous readiness bound: the page must be usable within this, however slow the machine. */
const READY_WITHIN_MS = 15_000;

describe.skipIf(!hasChromium)(`report.html with ${ITEMS.toLocaleString('en')} items × ${MODELS.length} models`, () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let html: string;
  let failedRows: number;
  let folder: string;

  beforeAll(async () => {
    const records = syntheticRecords({ items: ITEMS, seed: 3 });
    folder = writeRunFolder({ records, manifest: makeManifest({ models: MODELS }) });
    const started = performance.now();
    html = (await writeReports({ runDir: folder, env: {} })).html;
    console.log(
      `writeReports for ${records.length} records: ${Math.round(performance.now() - started)} ms, report.html ${(statSync(html).size / 1e6).toFixed(1)} MB`,
    );
    const data = buildTableData(await loadScoredRun(folder));
    failedRows = data.rows.filter((row) => row[6].some((cell) => cell?.[1] === 0)).length;
    browser = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(dirname(folder), { recursive: true, force: true });
  });

  it('becomes interactive: opened, filtered and a page of rows drawn', async () => {
    const page = await browser.context.newPage();
    const watch = watchPage(page);
    const started = performance.now();
    await page.goto(pathToFileURL(html).href, { timeout: READY_WITHIN_MS });
    await page.waitForSelector('body[data-ready="1"]', { timeout: READY_WITHIN_MS });
    const loadedMs = performance.now() - started;
    await page.locator('#filter-failed').setChecked(true, { timeout: READY_WITHIN_MS });
    await page.waitForSelector(`#match-count[data-matches="${failedRows}"]`, { timeout: READY_WITHIN_MS });
    const interactiveMs = performance.now() - started;
    console.log(
      `report.html ${ITEMS} × ${MODELS.length}: first rows after ${Math.round(loadedMs)} ms, failed-only filter applied after ${Math.round(interactiveMs)} ms`,
    );
    expect(await matchCount(page)).toBe(failedRows);
    expect(await renderedRows(page)).toHaveLength(50);
    expect(await page.locator('#side-body td.cell').count()).toBe(50 * MODELS.length);
    const searchStarted = performance.now();
    await page.fill('#filter-search', 'what is 99 + 99');
    await expect.poll(() => matchCount(page), { timeout: READY_WITHIN_MS }).toBeLessThan(failedRows);
    console.log(
      `text search over ${ITEMS} rows: ${Math.round(performance.now() - searchStarted)} ms (including the 150 ms debounce)`,
    );
    expect(watch).toEqual({ remoteRequests: [], dialogs: [], pageErrors: [], cspViolations: [] });
    await page.close();
  }, 120_000);
});
