import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSiteData } from '../site-data';
import { componentTimeline, dailyUptime, formatPercent, uptimeOverWindows } from '../status';
import type { Report } from '../reports';
import { afterNovember, novemberEvents } from '../reports/testing/month';
import { writeMonth } from '../reports/testing/month';
import { reportCommand } from './report';
import { outpost, slow } from './testing';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-report-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const files = writeMonth(dir, Object.values(novemberEvents));

/** Runs the command in-process at midnight on 1 December; returns its exit code and what it printed. */
async function run(options: { period: string; component?: string[]; format?: string; out?: string }) {
  let stdout = '';
  const errors: string[] = [];
  const code = await reportCommand({ ...options, ...files, now: afterNovember, log: (t) => (stdout += t), error: (l) => errors.push(l) });
  return { code, stdout, errors };
}

describe('outpost report', () => {
  it('agrees with the pages to the last digit, from the same files', async () => {
    const { code, stdout } = await run({ period: '2026-11', format: 'json' });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    const site = readSiteData({ contentDir: files.content, dataDir: files.data, now: afterNovember });
    expect(report.components.map((c) => c.id)).toEqual(['api', 'email']);
    for (const component of report.components) {
      const timeline = componentTimeline(component.id, site.content, site.monitor, afterNovember);
      const thirtyDays = uptimeOverWindows(timeline, afterNovember)[2]!;
      expect(thirtyDays.label).toBe('30 days');
      expect(component.uptimePercent).toBe(thirtyDays.percent);
      expect(component.uptime).toBe(formatPercent(thirtyDays.percent));
      expect(component.days).toEqual(dailyUptime(timeline, afterNovember, 90).filter((d) => d.date.startsWith('2026-11')));
    }
    // The hand-computed month (lib/reports/report.test.ts), read back from files.
    expect(report.components[0]!.seconds).toMatchObject({ counted: 2_498_400, lost: 8670 });
  });

  it('writes CSV to a file, atomically, and says what it wrote', async () => {
    const out = path.join(dir, 'api-2026-11.csv');
    const { code, stdout, errors } = await run({ period: '2026-11', component: ['api'], out });
    expect([code, stdout]).toEqual([0, '']);
    expect(errors).toEqual([`wrote ${out}: 1 component, 2026-11 (complete)`]);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\n').find((l) => l.startsWith('component,'))).toMatch(/^component,api,API,2026-11-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,,2592000,,8670,2498400,7200,86400,99\.65\d*,99\.65%,99\.9,missed,2498\.4,-6171\.6,$/);
  });

  it('picks JSON from the file name', async () => {
    const out = path.join(dir, 'q4.json');
    expect((await run({ period: '2026-q4', out })).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ period: { label: '2026-Q4', complete: false, countedTo: afterNovember.toISOString() } });
  });

  const usage = [
    { name: 'a period that is none', options: { period: 'november' }, message: '--period expects a month (2026-11), a quarter (2026-Q4) or a year (2026), got "november"' },
    { name: 'an unknown component', options: { period: '2026-11', component: ['apx'] }, message: '--component: unknown component apx (known: api, email)' },
    { name: 'a period to come', options: { period: '2027-01' }, message: '--period 2027-01 has not begun yet' },
    { name: 'an unknown format', options: { period: '2026', format: 'xml' }, message: '--format expects csv or json, got "xml"' },
  ];
  it.each(usage)('refuses $name as bad usage', async ({ options, message }) => {
    await expect(run(options)).rejects.toThrow(message);
  });

  it('exits 2 on bad usage and 1 on bad content, as a command', { timeout: slow }, async () => {
    const bad = await outpost(['report', '--period', '2026-13', '--content', files.content, '--data', files.data]);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'error: --period expects a month (2026-11), a quarter (2026-Q4) or a year (2026), got "2026-13"']);
    const broken = path.join(dir, 'broken');
    fs.cpSync(files.content, broken, { recursive: true });
    const site = path.join(broken, 'site.yaml');
    fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace('reports: {}', 'reports:\n  noData: maybe'));
    const refused = await outpost(['report', '--period', '2026-11', '--content', broken, '--data', files.data]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('site.yaml:13:11 reports.noData: expected exclude | up | down, got "maybe"');
  });
});
