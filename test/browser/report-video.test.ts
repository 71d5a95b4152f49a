import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../src/report/write-reports.js';
import { makeRecord, videoFields, writeRunFolder } from '../report/html-fixtures.js';
import { hasChromium, openBrowser, watchPage } from './browser-session.js';

/** A 0.1 s silent mono WAV: the smallest media file Chromium plays in a <video> element without a codec download. */
function silentWav(): Buffer {
  const data = Buffer.alloc(1600);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe.skipIf(!hasChromium)('video rows in report.html', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let html: string;

  beforeAll(async () => {
    const video = (id: string, fields: object) =>
      makeRecord({ model: 'seedance', id, format: 'video-task', answer: null, expected: null, ...fields });
    const folder = writeRunFolder({
      records: [
        video('v1', {
          video: videoFields({
            file: 'videos/v1 clip.wav',
            video_url: 'https://example.invalid/v1.mp4',
            state: 'succeeded',
            time_to_done_ms: 64_000,
          }),
        }),
        video('v2', { video: videoFields({ video_url: 'https://example.invalid/v2.mp4', state: 'succeeded' }) }),
        video('v3', { video: videoFields({ state: 'failed' }) }),
      ],
    });
    mkdirSync(join(folder, 'videos'));
    writeFileSync(join(folder, 'videos', 'v1 clip.wav'), silentWav());
    html = (await writeReports({ runDir: folder, env: {} })).html;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('plays a downloaded file from beside the report under the CSP and links remote videos', async () => {
    const page = await browser.context.newPage();
    const watch = watchPage(page);
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector('body[data-ready="1"]');
    expect(await page.locator('video').count()).toBe(1);
    expect(await page.locator('video').getAttribute('src')).toBe('videos/v1%20clip.wav');
    expect(await page.locator('video').getAttribute('preload')).toBe('none');
    expect(
      await page.locator('a.video-link').evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    ).toEqual(['https://example.invalid/v1.mp4', 'https://example.invalid/v2.mp4']);
    expect(await page.locator('.video .meta').allTextContents()).toEqual([
      'video succeeded \u00b7 done after 64,000 ms',
      'video succeeded',
      'video failed',
    ]);
    await page.evaluate("document.querySelector('video').load()");
    await expect.poll(() => page.evaluate("document.querySelector('video').readyState")).toBeGreaterThanOrEqual(1);
    expect(watch).toEqual({ remoteRequests: [], dialogs: [], pageErrors: [], cspViolations: [] });
    await page.close();
  });
});
