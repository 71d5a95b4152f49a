import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choosePairings, compareRuns } from '../../src/analysis/compare-runs.js';
import { loadRun } from '../../src/analysis/load-run.js';
import { writeReports } from '../../src/report/write-reports.js';
import { hasChromium, openBrowser, type PageWatch, watchPage } from '../browser/browser-session.js';
import { groupedManifest, groupedRecords, HOSTILE, mean, outcomesBy } from './group-fixtures.js';
import { writeRunFolder } from './html-fixtures.js';

/** Group names of a grid's body rows, top to bottom, as the page shows them. */
async function groupNames(page: Page, grid: string): Promise<string[]> {
  return page.locator(`${grid} tbody th.group-name`).allTextContents();
}

/** Names of the subjects ordered by alpha's score, highest first, from the fixture's outcomes. */
function subjectsByAlpha(): string[] {
  return [...outcomesBy('subject')]
    .map(([name, { alpha }]) => ({ name, score: mean(alpha) }))
    .sort((left, right) => right.score - left.score)
    .map(({ name }) => name);
}

describe.skipIf(!hasChromium)('report.html breakdown grids in Chromium', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let watch: PageWatch;
  const subjects = '[data-breakdown="subject"] table.grid';
  const categories = '#breakdowns [data-breakdown="category"] table.grid';

  beforeAll(async () => {
    // The run is alpha against beta; the baseline holds beta's answers as alpha, so the
    // baseline section's deltas are alpha − beta again.
    const folder = writeRunFolder({
      records: groupedRecords(),
      manifest: groupedManifest(['alpha', 'beta']),
      name: 'grid-run',
    });
    const baselineFolder = writeRunFolder({
      records: groupedRecords({ alpha: 'unused', beta: 'alpha' }).filter((record) => record.model === 'alpha'),
      manifest: groupedManifest(['alpha']),
      name: 'grid-baseline',
    });
    const [baseline, candidate] = await Promise.all([
      loadRun({ location: baselineFolder }),
      loadRun({ location: folder }),
    ]);
    const comparison = compareRuns({ baseline, candidate, pairings: choosePairings({ baseline, candidate }) });
    const written = await writeReports({ runDir: folder, comparison, env: {} });
    browser = await openBrowser();
    page = await browser.context.newPage();
    watch = watchPage(page);
    await page.goto(pathToFileURL(written.html).href);
    await page.waitForSelector('body[data-ready="1"]');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the top level open and the subjects folded, with scores, intervals and averages', async () => {
    expect(await page.locator(categories).isVisible()).toBe(true);
    expect(await page.locator('#breakdowns details[data-breakdown="subject"]').getAttribute('open')).toBeNull();
    expect(await page.locator(`#breakdowns ${subjects}`).isVisible()).toBe(false);
    expect(await groupNames(page, categories)).toEqual(['Humanities', 'STEM']);
    expect(await page.locator(`${categories} thead th`).allTextContents()).toEqual([
      'category',
      'items',
      'alpha',
      'beta',
      'alpha \u2212 beta (pp)',
    ]);
    const stem = page.locator(`${categories} tr[data-group="STEM"] td.score`).first();
    expect(await stem.textContent()).toMatch(/^87\.5%\[[\d.]+, [\d.]+\]$/);
    expect(await stem.getAttribute('title')).toMatch(
      /^alpha in STEM: 87\.5% \[[\d.]+, [\d.]+\] \(95% interval, clustered\), 40 items$/,
    );
    expect(await stem.getAttribute('class')).toBe('score heat-8');
    expect(await page.locator(`${categories} tfoot th`).allTextContents()).toEqual([
      'micro: mean over items',
      'macro: mean over groups, each weighing the same',
    ]);
    expect(await page.locator('#breakdowns').textContent()).toContain(
      'p-values Holm-adjusted over the 2 comparisons of this table',
    );
    expect(watch).toEqual({ remoteRequests: [], dialogs: [], pageErrors: [], cspViolations: [] });
  });

  it('keeps a hostile subject name as text', async () => {
    await page.click('#breakdowns details[data-breakdown="subject"] > summary');
    const grid = `#breakdowns ${subjects}`;
    expect(await page.locator(grid).isVisible()).toBe(true);
    expect(await groupNames(page, grid)).toContain(HOSTILE);
    expect(await page.locator(`${grid} tr[data-group="${HOSTILE.replace(/"/g, '\\"')}"]`).count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(watch.dialogs).toEqual([]);
  });

  it('marks the credible difference in its group only, and explains the mark', async () => {
    const grid = `#breakdowns ${subjects}`;
    const credible = await page
      .locator(`${grid} td.diff.credible`)
      .evaluateAll((cells) => cells.map((cell) => cell.closest('tr')?.getAttribute('data-group')));
    expect(credible).toEqual(['anatomy']);
    // 18 of 20 pairs discordant for alpha: Agresti–Min Δ* = 18/22, half-width 1.96·√((19/22 − Δ*²)/22) = 18.4 pp.
    const cell = page.locator(`${grid} tr[data-group="anatomy"] td.diff`);
    expect(await cell.textContent()).toMatch(/^\+90\.0\u2020\[\+63\.4, \+100\.0\] \u00b7 p < 0\.001$/);
    expect(await cell.getAttribute('title')).toContain('credible (Holm-adjusted p \u2264 0.05)');
    expect(await cell.getAttribute('class')).toBe('diff credible up');
    expect(await cell.evaluate((node) => node.ownerDocument.defaultView?.getComputedStyle(node).fontWeight)).toBe(
      '700',
    );
    expect(await page.locator(`${grid} td.diff:not(.credible) .credible-mark`).count()).toBe(0);
    const legend = await page.locator('#breakdowns [data-breakdown="subject"] .grid-legend').textContent();
    expect(legend).toContain('p-values Holm-adjusted over the 4 comparisons of this table');
    expect(legend).toContain('\u2020 bold, outlined: credible difference (Holm-adjusted p \u2264 0.05');
  });

  it('sorts the rows by the clicked column and keeps the averages last', async () => {
    const grid = `#breakdowns ${subjects}`;
    const header = page.locator(`${grid} thead th`).nth(2);
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await groupNames(page, grid)).toEqual(subjectsByAlpha());
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await groupNames(page, grid)).toEqual([...subjectsByAlpha()].reverse());
    const items = page.locator(`${grid} thead th`).nth(1);
    await items.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBeNull();
    // history has 21 items, the rest 20 in their rendered order.
    expect((await groupNames(page, grid))[0]).toBe('history');
    await page.locator(`${grid} thead th`).nth(0).locator('button').click();
    expect(await groupNames(page, grid)).toEqual([HOSTILE, 'anatomy', 'history', 'physics']);
    expect(await page.locator(`${grid} tr`).evaluateAll((rows) => rows.slice(-2).map((row) => row.className))).toEqual([
      'average micro',
      'average macro',
    ]);
  });

  it('shows candidate against baseline per group, marked where credible', async () => {
    const deltas = '#baseline .group-deltas';
    expect(await page.locator(`${deltas} [data-breakdown="category"] table.grid`).isVisible()).toBe(true);
    await page.click(`${deltas} details[data-breakdown="subject"] > summary`);
    const grid = `${deltas} [data-breakdown="subject"] table.grid`;
    expect(await page.locator(`${grid} thead th`).allTextContents()).toEqual([
      'subject',
      'items',
      'this run: alpha',
      'baseline: alpha',
      'this run: alpha \u2212 baseline: alpha (pp)',
    ]);
    const credible = await page
      .locator(`${grid} td.diff.credible`)
      .evaluateAll((cells) => cells.map((cell) => cell.closest('tr')?.getAttribute('data-group')));
    expect(credible).toEqual(['anatomy']);
    expect(watch).toEqual({ remoteRequests: [], dialogs: [], pageErrors: [], cspViolations: [] });
  });
});
