import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../src/results/result-record.js';
import { writeReports } from '../../src/report/write-reports.js';
import { makeErrorRecord, makeManifest, makeRecord, videoFields, writeRunFolder } from '../report/html-fixtures.js';
import { hasChromium, matchCount, openBrowser, watchPage, type PageWatch } from './browser-session.js';

const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '</textarea><script>window.__pwned=1</script>',
  '</script><script>window.__pwned=1</script>',
  '[link](javascript:window.__pwned=1)',
  '<a href="javascript:window.__pwned=1">click me</a>',
  '<svg onload="window.__pwned=1"></svg><iframe src="https://example.invalid/"></iframe>',
  '<!-- <script>window.__pwned=1</script> -->',
  '<style>body{background:url(https://example.invalid/x.png)}</style><link rel=stylesheet href=https://example.invalid/s.css>',
];

function hostileRecords(): ResultRecord[] {
  const records: ResultRecord[] = PAYLOADS.map((payload, index) =>
    makeRecord({ model: 'alpha', id: `p${index}`, answer: payload, reasoning: payload, input: payload, expected: '4' }),
  );
  records.push(
    makeRecord({
      model: 'beta</script><script>window.__pwned=1</script>',
      id: 'p0',
      answer: PAYLOADS[0],
      expected: '4',
    }),
    makeRecord({
      model: 'alpha',
      id: '<img src=x onerror="window.__pwned=1">',
      expected: '<script>window.__pwned=1</script>',
      answer: 'x',
    }),
    makeErrorRecord({
      model: 'alpha',
      id: 'err',
      error: { kind: 'invalid-request', message: PAYLOADS[1], status: 400, code: '<b>code</b>' },
    }),
    makeRecord({
      model: 'alpha',
      id: 'video-1',
      format: 'video-task',
      answer: null,
      expected: null,
      // The state is checked against its four values when the line is read, so the hostile text goes
      // where the gateway's own words go.
      video: videoFields({
        video_url: 'javascript:window.__pwned=1',
        file: 'javascript:window.__pwned=1',
        state: 'failed',
        status_raw: '<script>window.__pwned=1</script>',
        failure_reason: '<script>window.__pwned=1</script>',
      }),
    }),
    makeRecord({
      model: 'alpha',
      id: 'video-2',
      format: 'video-task',
      answer: null,
      expected: null,
      video: videoFields({ video_url: 'https://example.invalid/video.mp4', file: '../../secret.mp4' }),
    }),
    makeRecord({
      model: 'alpha',
      id: 'video-3',
      format: 'video-task',
      answer: null,
      expected: null,
      video: videoFields({ file: 'videos/clip #1.mp4', state: 'succeeded' }),
    }),
  );
  return records;
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate('window.__pwned');
}

describe.skipIf(!hasChromium)('report.html against hostile model output', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    const records = hostileRecords();
    const models = [...new Set(records.map((record) => record.model))];
    const folder = writeRunFolder({ records, manifest: makeManifest({ models }) });
    const written = await writeReports({ runDir: folder, env: {} });
    browser = await openBrowser();
    page = await browser.context.newPage();
    watch = watchPage(page);
    await page.goto(pathToFileURL(written.html).href);
    await page.waitForSelector('body[data-ready="1"]');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('runs none of it, opens no dialog and requests nothing off the page', async () => {
    await page.selectOption('#page-size', '200');
    for (const summary of await page.locator('#side-body summary').all()) await summary.click();
    await page.fill('#filter-search', 'script');
    await expect.poll(() => matchCount(page)).toBeLessThan(15);
    await page.fill('#filter-search', '');
    await page.locator('#filter-failed').setChecked(true);
    await page.locator('#filter-failed').setChecked(false);
    expect(await pwned(page)).toBeUndefined();
    expect(watch.dialogs).toEqual([]);
    expect(watch.remoteRequests).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });

  it('shows every payload as literal text', async () => {
    for (const payload of PAYLOADS) {
      const answer = page.locator('#side-body pre.answer').filter({ hasText: payload }).first();
      expect(await answer.textContent(), payload).toBe(payload);
      expect(await answer.isVisible(), payload).toBe(true);
    }
    expect(await page.locator('#side-head th').nth(2).textContent()).toBe(
      'beta</script><script>window.__pwned=1</script>',
    );
    expect(await page.locator('#scores th.model-name').nth(1).textContent()).toBe(
      'beta</script><script>window.__pwned=1</script>',
    );
    expect(await page.locator('.item-id', { hasText: '<img src=x onerror=' }).textContent()).toBe(
      '<img src=x onerror="window.__pwned=1">',
    );
    expect(await page.locator('.error-text').first().textContent()).toBe(`invalid-request 400: ${PAYLOADS[1]}`);
  });

  it('creates no element from the payloads and links only to http(s)', async () => {
    const counts = await page.evaluate(`({
      scripts: document.querySelectorAll('script').length,
      injected: document.querySelectorAll('img, iframe, link, #side-body svg, #side-body style, [onerror], [onload]').length,
      anchors: [...document.querySelectorAll('a')].map((anchor) => anchor.getAttribute('href')),
      videos: [...document.querySelectorAll('video')].map((video) => video.getAttribute('src')),
    })`);
    expect(counts).toEqual({
      scripts: 2,
      injected: 0,
      anchors: ['https://example.invalid/video.mp4'],
      videos: ['videos/clip%20%231.mp4'],
    });
    expect(await page.locator('.video .meta', { hasText: 'url: javascript:' }).count()).toBe(1);
    expect(await page.locator('.video .meta', { hasText: 'file: ../../secret.mp4' }).count()).toBe(1);
  });

  it('was not restyled by an injected style sheet', async () => {
    expect(await page.evaluate('getComputedStyle(document.body).backgroundImage')).toBe('none');
    expect(watch.cspViolations).toEqual([]);
  });
});
