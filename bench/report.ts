// The report's figures: a yearly uptime report for 50 components from a year of one-minute checks at two
// locations, plus incidents and maintenance, made by the real `outpost report` command: its time and peak memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { seededRandom, simulate } from '../lib/monitor/simulate';
import { because } from '../lib/status/reason';
import { emptyStore } from '../lib/monitor/store';
import { writeWholeAsync } from '../lib/files';
import { computeReport, parsePeriod } from '../lib/reports';
import { readSiteData } from '../lib/site-data';
import { median, type Bench, type BenchFigure } from './figure';
import { measure } from './measure';

const root = path.resolve(__dirname, '..');
const year = 2026;
const from = Date.UTC(year, 0, 1);
const to = Date.UTC(year + 1, 0, 1);
const components = 50;
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A site in `dir`: 50 components with an HTTP check each, a year of one-minute rounds at eu-1 and us-1 (two
 * components simulated round by round through the store's real code, 525,600 rounds each, copied under 25
 * ids each: checks are independent in the file), one incident a week and a maintenance window a month.
 */
export async function generateYear(dir: string): Promise<{ content: string; data: string }> {
  const content = path.join(dir, 'content');
  const data = path.join(dir, 'data');
  for (const sub of ['incidents', 'maintenance']) fs.mkdirSync(path.join(content, sub), { recursive: true });
  fs.mkdirSync(data, { recursive: true });
  const ids = Array.from({ length: components }, (_, i) => `component-${i + 1}`);
  fs.writeFileSync(
    path.join(content, 'site.yaml'),
    stringify({
      name: 'Bench Status',
      url: 'https://status.bench.example',
      components: ids.map((id, i) => ({ id, name: `Component ${i + 1}`, ...(i % 5 === 0 && { sla: 99.9 }), checks: [{ type: 'http', url: `https://${id}.bench.example/health` }] })),
    }),
  );
  for (let week = 0; week < 52; week++) {
    const start = from + week * 7 * day + 3 * day + 9 * 3_600_000;
    const id = ids[(week * 7) % components]!;
    const status = week % 3 === 0 ? 'major_outage' : 'partial_outage';
    fs.writeFileSync(
      path.join(content, 'incidents', `${iso(start).slice(0, 10)}-trouble-${week + 1}.md`),
      `---\n${stringify({ title: `Trouble ${week + 1}`, impact: 'major', components: { [id]: status }, updates: [{ at: iso(start), status: 'investigating', message: 'Looking.' }, { at: iso(start + 45 * 60_000), status: 'resolved', message: 'Fixed.' }] })}---\n`,
    );
  }
  for (let month = 0; month < 12; month++) {
    const start = Date.UTC(year, month, 10, 2);
    fs.writeFileSync(
      path.join(content, 'maintenance', `${iso(start).slice(0, 10)}-upgrade.md`),
      `---\n${stringify({ title: 'Upgrade', components: ids.filter((_, i) => i % 4 === month % 4), start: iso(start), end: iso(start + 2 * 3_600_000) })}---\n`,
    );
  }
  // About one short confirmed outage a month per check, and a slow hour a week, as in bench/pinger.ts.
  const scenario = (checkId: string, at: number) => {
    const minuteOfDay = Math.floor((at % day) / 60_000);
    const d = Math.floor(at / day);
    if (d % 29 === (checkId === 'a' ? 3 : 17) && minuteOfDay >= 600 && minuteOfDay < 612) return { verdict: 'down' as const, why: [because.httpUnexpected(503, '2xx')], totalMs: 30 };
    if (d % 7 === 2 && minuteOfDay >= 120 && minuteOfDay < 180) return { verdict: 'degraded' as const, why: [because.http(200), because.slow(2_500, 2_000)], totalMs: 2_500 };
    return null;
  };
  const simulated = emptyStore('sim');
  simulate(simulated, { checks: [{ id: 'a', componentId: 'a', baseMs: 90 }, { id: 'b', componentId: 'b', baseMs: 240 }], from, to: to - 60_000, location: 'sim', rules: { failuresToOpen: 2, successesToClose: 1 }, scenario, random: seededRandom(2026) });
  for (const location of ['eu-1', 'us-1']) {
    const store = emptyStore(location);
    ids.forEach((id, i) => {
      const source = i % 2 === 0 ? 'a' : 'b';
      store.checks[id] = { ...simulated.checks[source]!, componentId: id };
      store.daily[id] = simulated.daily[source]!;
      store.results.push(...simulated.results.filter((r) => r.checkId === source).map((r) => ({ ...r, checkId: id, componentId: id, location })));
      store.outages.push(...simulated.outages.filter((o) => o.checkId === source).map((o) => ({ ...o, checkId: id, componentId: id })));
    });
    await writeWholeAsync(path.join(data, `${location}.json`), JSON.stringify(store));
  }
  return { content, data };
}

/** Measures `outpost report --period 2026` (all 50 components) as a command, and the computation alone in this process. */
const bench: Bench = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-report-'));
  try {
    const generatedAt = performance.now();
    const files = await generateYear(dir);
    const generateSeconds = (performance.now() - generatedAt) / 1000;
    const env = { ...process.env, OUTPOST_NOW: iso(to) };
    const runs = [];
    // The first run may rebuild the CLI's bundle (bin/outpost.js): a warm-up, not counted.
    for (const format of ['warm-up', 'json', 'json', 'json', 'csv']) {
      const out = path.join(dir, `report.${format === 'csv' ? 'csv' : 'json'}`);
      const run = await measure(process.execPath, [path.join(root, 'bin', 'outpost.js'), 'report', '--period', String(year), '--content', files.content, '--data', files.data, '--out', out], { cwd: root, env });
      if (run.exitCode !== 0) throw new Error(`outpost report failed:\n${run.output}`);
      runs.push({ format, ...run, bytes: fs.statSync(out).size });
    }
    const json = runs.filter((r) => r.format === 'json');
    const csv = runs.find((r) => r.format === 'csv')!;
    const site = readSiteData({ contentDir: files.content, dataDir: files.data, now: new Date(to) });
    const computeMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      computeReport({ ...site, period: parsePeriod(String(year))! });
      computeMs.push(performance.now() - t0);
    }
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    return [
      { name: `outpost report --period ${year}: 50 components, a year of one-minute checks at 2 locations, 52 incidents, 12 windows; JSON (median of 3)`, value: Math.round(median(json.map((r) => r.wallMs))), unit: 'ms' },
      { name: 'peak memory of that command (PSS, highest of the 3 runs)', value: mb(Math.max(...json.map((r) => r.peakPssBytes))), unit: 'MB' },
      { name: 'the same as CSV (one run)', value: Math.round(csv.wallMs), unit: 'ms' },
      { name: 'the JSON file (every day of every component listed)', value: mb(json[0]!.bytes), unit: 'MB' },
      { name: 'the CSV file (totals, lost and left-out rows)', value: Math.round(csv.bytes / 1024), unit: 'KB' },
      { name: 'the report computation alone, data already read (median of 5)', value: Math.round(median(computeMs)), unit: 'ms' },
      { name: 'generating that year of data (simulation through the store code)', value: Math.round(generateSeconds * 10) / 10, unit: 's' },
    ] satisfies BenchFigure[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
