// The widget's figures: its gzipped size (what every page embedding it downloads once an hour), and the time from
// a host page's navigation to the status showing in it, in Chromium, with the status host on this machine.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { hostSite, sendJson, statusHost } from '../e2e/widget-host.test-support';
import { minifyScript } from '../lib/build/optimize';
import { liveFile } from '../lib/publish/live';
import { readSiteData } from '../lib/site-data';
import { chromiumArgs, findChromium } from '../scripts/find-chromium';
import { median, type Bench, type BenchFigure } from './figure';

const root = path.resolve(__dirname, '..');
const LOADS = 5;
/** The budget. */
const MAX_GZIP_BYTES = 3 * 1024;

const bench: Bench = async () => {
  // As a build serves it: minified (lib/build/optimize.ts).
  const widget = Buffer.from(await minifyScript(fs.readFileSync(path.join(root, 'public', 'widget.js'), 'utf8')));
  const gzipBytes = gzipSync(widget).length;
  // The example site's own status.json, as a build or publish writes it now.
  const status = liveFile(readSiteData({ contentDir: path.join(root, 'content'), dataDir: path.join(root, 'data') }), 'status.json');
  const words = (JSON.parse(status) as { look: { words: string } }).look.words;
  const statusServer = await statusHost(widget, (_req, res) => sendJson(res, status));
  const host = await hostSite();
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      // A new context each time: nothing cached, as a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(host.page(statusServer.origin, { watch: words }));
      await page.waitForFunction(() => typeof (window as unknown as { shownAt?: number }).shownAt === 'number', null, { timeout: 30_000 });
      times.push(await page.evaluate(() => (window as unknown as { shownAt: number }).shownAt));
      await context.close();
    }
  } finally {
    await browser.close();
    await Promise.all([host.close(), statusServer.close()]);
  }
  const figures: BenchFigure[] = [
    { name: 'widget.js, gzip', value: gzipBytes, unit: 'bytes', target: '≤ 3 KB (3,072 bytes)', meets: gzipBytes <= MAX_GZIP_BYTES },
    { name: `widget: host page navigation → status shown, status host on this machine (median of ${LOADS} first visits)`, value: Math.round(median(times)), unit: 'ms' },
    { name: 'widget: the same, slowest of those visits', value: Math.round(Math.max(...times)), unit: 'ms' },
  ];
  return figures;
};

export default bench;
