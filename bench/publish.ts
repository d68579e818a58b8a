// The publishing figures: how long `outpost publish` takes at 1,000 and 5,000 incidents (as one command, and
// inside a long-running pinger), and how long a published update takes to show on a page open in Chromium.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { serveStatic } from '../lib/cli/serve';
import type { Result } from '../lib/monitor/schema';
import { readStoreSync, Store } from '../lib/monitor/store';
import { addIncidentUpdate } from '../lib/publish/fixtures/fixture';
import { publishLive } from '../lib/publish/live';
import { readSiteData } from '../lib/site-data';
import { chromiumArgs, findChromium } from '../scripts/find-chromium';
import { buildSiteOnce, copyProject, makeCliBundle } from './build';
import { median, type Bench, type BenchFigure } from './figure';
import { generateSite } from './generate';
import { measure } from './measure';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin', 'outpost.js');
/** The page polls /status.json this often (public/outpost.js). */
const POLL_MS = 30_000;
const TRIALS = 3;

const count = (n: number) => n.toLocaleString('en-US');
const ms = (from: number) => Math.round(performance.now() - from);

/** Appends a fresh update to the site's newest open incident; returns its text, to look for on the page. */
function addUpdate(site: { content: string; data: string }, label: string): string {
  const { status } = readSiteData({ contentDir: site.content, dataDir: site.data });
  const incident = status.openIncidents[0]!;
  const message = `Bench update ${label}: a fix is rolling out.`;
  addIncidentUpdate(site.content, incident.id, `  - at: ${new Date(Date.now() - 1_000).toISOString()}\n    status: monitoring\n    message: ${JSON.stringify(message)}`);
  return message;
}

/** `outpost publish` as a command (a new process: what cron pays), and publishLive inside one process. */
async function publishFigures(n: number): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-publish-'));
  try {
    const site = generateSite(dir, { incidents: n, components: 50, now: new Date() });
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const command = async () => {
      const run = await measure(process.execPath, [bin, 'publish', '--out', out, '--content', site.content, '--data', site.data], { cwd: root, env: process.env });
      if (run.exitCode !== 0) throw new Error(`outpost publish failed:\n${run.output}`);
      return run;
    };
    // The first publish parses every file (a new content folder has no entry cache, lib/content/cache.ts); later
    // ones only what changed. The command's bundle is made beforehand: it is no part of a publish's cost.
    makeCliBundle(root);
    const first = await command();
    addUpdate(site, 'from cron');
    const changed = await command();
    const options = { outDir: out, contentDir: site.content, dataDir: site.data };
    let t = performance.now();
    publishLive(options);
    const firstMs = ms(t);
    t = performance.now();
    publishLive(options);
    const unchangedMs = ms(t);
    addUpdate(site, 'in process');
    t = performance.now();
    publishLive(options);
    const changedMs = ms(t);
    const roundMs = await pingerRound(site.data, options);
    return [
      { name: `outpost publish at ${count(n)} incidents, one command after an incident changed (node start included)`, value: Math.round(changed.wallMs), unit: 'ms', target: '< 1,000 ms', meets: changed.wallMs < 1000 },
      ...(changed.cpuMs === null ? [] : [{ name: `  its CPU time (user + system; the wall time above includes waiting for a busy machine)`, value: Math.round(changed.cpuMs), unit: 'ms' }]),
      { name: `  its peak memory (PSS)`, value: Math.round(changed.peakPssBytes / 2 ** 20), unit: 'MB' },
      { name: `outpost publish at ${count(n)}, the very first (no cache: every file parsed)`, value: Math.round(first.wallMs), unit: 'ms' },
      { name: `publish at ${count(n)} in a running pinger: first (entries cached on disk)`, value: firstMs, unit: 'ms' },
      { name: `publish at ${count(n)} in a running pinger: content unchanged (every round)`, value: unchangedMs, unit: 'ms', target: '< 1,000 ms', meets: unchangedMs < 1000 },
      { name: `publish at ${count(n)} in a running pinger: after an incident file changed`, value: changedMs, unit: 'ms' },
      { name: `a round of 50 results in \`ping --watch --publish\` at ${count(n)}: store, then publish (its main-thread work; median of ${ROUNDS})`, value: roundMs, unit: 'ms' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ROUNDS = 5;

/** What `ping --watch --publish` does after each round, on its main thread: store the results, then publish. */
async function pingerRound(dataDir: string, options: Parameters<typeof publishLive>[0]): Promise<number> {
  const file = path.join(dataDir, 'bench.json');
  const { checks, location } = readStoreSync(file)!;
  const store = new Store({ file, location, rules: { failuresToOpen: 2, successesToClose: 1 } });
  const intervals = new Map(Object.keys(checks).map((id) => [id, 300]));
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const at = new Date().toISOString();
    const results: Result[] = Object.keys(checks).map((checkId) => ({ at, checkId, componentId: checkId, location, verdict: 'up', reason: 'HTTP 200', attempts: 1, phases: { totalMs: 90 } }));
    const t = performance.now();
    await store.record(results, intervals);
    publishLive(options);
    times.push(ms(t));
  }
  return median(times);
}

/**
 * A built 1,000-incident site served on 127.0.0.1 and open in Chromium; each trial adds an update, runs
 * `outpost publish` and times until the open page shows it (no reload), at the page's real polling interval.
 */
async function liveFigures(): Promise<BenchFigure[]> {
  const project = copyProject(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-live-'));
  const site = generateSite(dir, { incidents: 1000, components: 50, now: new Date() });
  console.log('building a 1,000-incident site for the live layer …');
  await buildSiteOnce(project, site, { cold: false });
  const out = path.join(project, 'out');
  const server = await serveStatic(out, 0);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForSelector('[data-live="generated"] time[data-relative]');
    const shown: number[] = [];
    const publishing: number[] = [];
    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const text = addUpdate(site, `#${trial}`);
      const t0 = performance.now();
      const run = await measure(process.execPath, [bin, 'publish', '--out', out, '--content', site.content, '--data', site.data], { cwd: root, env: process.env });
      if (run.exitCode !== 0) throw new Error(`outpost publish failed:\n${run.output}`);
      publishing.push(ms(t0));
      await page.waitForFunction((t) => document.querySelector('[data-live="incidents"]')?.textContent?.includes(t), text, { timeout: POLL_MS * 3, polling: 100 });
      shown.push(ms(t0));
    }
    const worst = Math.max(...shown);
    const budget = POLL_MS + Math.max(...publishing);
    return [
      {
        name: `publish → open page shows the update, 1,000 incidents, worst of ${TRIALS} (median ${(median(shown) / 1000).toFixed(1)} s)`,
        value: Math.round(worst / 100) / 10,
        unit: 's',
        target: `≤ poll ${POLL_MS / 1000} s + publish`,
        meets: worst <= budget,
      },
    ];
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Bench = async () => [...(await publishFigures(1000)), ...(await publishFigures(5000)), ...(await liveFigures())];

export default bench;
