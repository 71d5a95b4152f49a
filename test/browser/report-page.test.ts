import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScoredRun } from '../../src/analysis/scored-run.js';
import { buildTableData, type TableData, type TableRow } from '../../src/report/html/table-data.js';
import { writeReports } from '../../src/report/write-reports.js';
import { makeManifest, syntheticRecords, writeRunFolder } from '../report/html-fixtures.js';
import {
  hasChromium,
  matchCount,
  openBrowser,
  renderedRows,
  repoRoot,
  watchPage,
  type PageWatch,
} from './browser-session.js';

const MODELS = ['qwen3-max', 'deepseek-chat', 'gpt-4o-mini', 'claude-haiku'];

/** The rows a filter should keep, computed from the embedded data independently of the page script. */
function expectedRows(data: TableData, keep: (row: TableRow) => boolean): number[] {
  return data.rows.flatMap((row, index) => (keep(row) ? [index] : []));
}

async function setChecked(page: Page, selector: string, checked: boolean): Promise<void> {
  await page.locator(selector).setChecked(checked);
}

describe.skipIf(!hasChromium)('report.html in Chromium', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let watch: PageWatch;
  let data: TableData;
  let folder: string;

  beforeAll(async () => {
    folder = writeRunFolder({
      records: syntheticRecords({ items: 180, seed: 11 }),
      manifest: makeManifest({ models: MODELS, simulated: true }),
      name: 'demo-run',
    });
    const written = await writeReports({ runDir: folder, env: {} });
    data = buildTableData(await loadScoredRun(folder));
    browser = await openBrowser();
    page = await browser.context.newPage();
    watch = watchPage(page);
    await page.goto(pathToFileURL(written.html).href);
    await page.waitForSelector('body[data-ready="1"]');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens from file:// with the overview listing every model, and loads nothing else', async () => {
    expect(page.url().startsWith('file://')).toBe(true);
    expect(
      await page
        .locator('#scores tr[data-model]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-model'))),
    ).toEqual(MODELS);
    for (const section of ['#latency', '#tokens', '#errors', '#pairwise'])
      expect(await page.locator(section).isVisible()).toBe(true);
    expect(await page.locator('#simulated-banner').isVisible()).toBe(true);
    expect(await page.locator('#latency svg.histogram').count()).toBe(MODELS.length * 2);
    expect(await page.locator('#side-head th').allTextContents()).toEqual(['item', ...MODELS]);
    expect(await matchCount(page)).toBe(data.rows.length);
    expect(await renderedRows(page)).toEqual(data.rows.slice(0, 50).map((_row, index) => index));
    expect(watch).toEqual({ remoteRequests: [], dialogs: [], pageErrors: [], cspViolations: [] });
  });

  it('pages through the rows', async () => {
    await page.click('#page-next');
    expect(await renderedRows(page)).toEqual(expectedRows(data, () => true).slice(50, 100));
    expect(await page.textContent('#page-label')).toBe('page 2 of 4');
    await page.selectOption('#page-size', '200');
    expect(await renderedRows(page)).toHaveLength(180);
    await page.selectOption('#page-size', '50');
  });

  it('applies each filter, alone and combined', async () => {
    const cases: Array<{
      name: string;
      apply: () => Promise<void>;
      reset: () => Promise<void>;
      keep: (row: TableRow) => boolean;
    }> = [
      {
        name: 'models disagree',
        apply: () => setChecked(page, '#filter-disagree', true),
        reset: () => setChecked(page, '#filter-disagree', false),
        keep: (row) => row[5] === 1,
      },
      {
        name: 'failed only',
        apply: () => setChecked(page, '#filter-failed', true),
        reset: () => setChecked(page, '#filter-failed', false),
        keep: (row) => row[6].some((cell) => cell?.[1] === 0),
      },
      {
        name: 'errors only',
        apply: () => setChecked(page, '#filter-errors', true),
        reset: () => setChecked(page, '#filter-errors', false),
        keep: (row) => row[6].some((cell) => cell?.[0] === 1),
      },
      {
        name: 'failed only for one model',
        apply: async () => {
          await page.selectOption('#filter-model', String(MODELS.indexOf('gpt-4o-mini')));
          await setChecked(page, '#filter-failed', true);
        },
        reset: async () => {
          await page.selectOption('#filter-model', '-1');
          await setChecked(page, '#filter-failed', false);
        },
        keep: (row) => row[6][2]?.[1] === 0,
      },
      {
        name: 'text search',
        apply: async () => {
          await page.fill('#filter-search', 'WHAT IS 5');
          // The search is debounced; poll from Node (the page's CSP forbids the string eval waitForFunction uses).
          await expect.poll(() => matchCount(page)).not.toBe(data.rows.length);
        },
        reset: async () => {
          await page.fill('#filter-search', '');
          await expect.poll(() => matchCount(page)).toBe(data.rows.length);
        },
        keep: (row) => row[3].toLowerCase().includes('what is 5'),
      },
    ];
    for (const filter of cases) {
      const expected = expectedRows(data, filter.keep);
      expect(expected.length, filter.name).toBeGreaterThan(0);
      expect(expected.length, filter.name).toBeLessThan(data.rows.length);
      await filter.apply();
      expect(await matchCount(page), filter.name).toBe(expected.length);
      expect(await renderedRows(page), filter.name).toEqual(expected.slice(0, 50));
      await filter.reset();
      expect(await matchCount(page), `${filter.name} reset`).toBe(data.rows.length);
    }
    await setChecked(page, '#filter-disagree', true);
    await setChecked(page, '#filter-errors', true);
    expect(await matchCount(page)).toBe(
      expectedRows(data, (row) => row[5] === 1 && row[6].some((cell) => cell?.[0] === 1)).length,
    );
    await setChecked(page, '#filter-disagree', false);
    await setChecked(page, '#filter-errors', false);
  });

  it('highlights cells that differ from their row and keeps reasoning collapsed', async () => {
    const differing = data.rows.flatMap((row) => row[6]).filter((cell) => cell?.[12] === 1).length;
    await page.selectOption('#page-size', '200');
    expect(await page.locator('#side-body td.cell.differs').count()).toBe(differing);
    const reasoning = page.locator('#side-body details.reasoning').first();
    expect(await reasoning.getAttribute('open')).toBeNull();
    expect(await reasoning.locator('pre').isVisible()).toBe(false);
    await reasoning.locator('summary').click();
    expect(await reasoning.locator('pre').isVisible()).toBe(true);
    await page.selectOption('#page-size', '50');
  });

  it('parses junit.xml with the browser XML parser', async () => {
    const xml = readFileSync(join(folder, 'junit.xml'), 'utf8');
    const blank = await browser.context.newPage();
    // A string expression: the test project has no DOM typings.
    const parsed = await blank.evaluate(
      `(() => { const parsed = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
        return { errors: parsed.getElementsByTagName('parsererror').length, cases: parsed.getElementsByTagName('testcase').length }; })()`,
    );
    await blank.close();
    expect(parsed).toEqual({
      errors: 0,
      cases: data.rows.reduce((total, row) => total + row[6].filter(Boolean).length, 0),
    });
  });

  it('saves a screenshot of the overview once everything above passed', async () => {
    expect(watch).toEqual({ remoteRequests: [], dialogs: [], pageErrors: [], cspViolations: [] });
    await page.evaluate('window.scrollTo(0, 0)');
    const box = await page.locator('#overview').boundingBox();
    expect(box).not.toBeNull();
    const image = await page.screenshot({
      fullPage: true,
      clip: { x: 0, y: 0, width: 1400, height: Math.ceil((box?.y ?? 0) + (box?.height ?? 0)) },
    });
    const table = await page.locator('#side-by-side').screenshot();
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
    writeFileSync(join(repoRoot, 'test-artifacts', 'report-overview.png'), image);
    writeFileSync(join(repoRoot, 'test-artifacts', 'report-side-by-side.png'), table);
    writeFileSync(join(repoRoot, 'docs', 'report-screenshot.png'), image);
  });
});
