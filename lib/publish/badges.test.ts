import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { componentBadge, siteBadge } from './badges';
import path from 'node:path';
import { addIncidentUpdate, copyFixture, fixtureData, fixtureDataIn, tempDir } from './fixtures/fixture';
import { pythonWithFeedparser, runPython, strictXml } from './fixtures/python';

/** The accessible name a screen reader gets: the SVG's title and its aria-label must agree. */
function accessibleName(svg: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1];
  const label = /aria-label="([^"]*)"/.exec(svg)?.[1];
  expect(svg).toMatch(/^<svg [^>]*role="img"/);
  expect(title).toBe(label);
  return title!;
}

describe('badges', () => {
  it('says the overall status in words', async () => {
    expect(accessibleName(await siteBadge(fixtureData()))).toBe('Fixture Status: Major System Outage');
  });

  it.each([
    ['api', 'API: Major outage'],
    ['db', 'Database: Degraded performance'],
    ['queue', 'Queue: Operational'],
    ['web', 'Website: Operational'],
  ])('says %s’s status in words', async (id, words) => {
    expect(accessibleName((await componentBadge(fixtureData(), id))!)).toBe(words);
  });

  it('never says a monitored component is operational without fresh data', async () => {
    // Once the incident is resolved and the maintenance over, "db" has nothing reported, and no monitoring data.
    const dir = copyFixture();
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:20:00Z\n    status: resolved\n    message: Recovered.');
    const later = fixtureData(new Date('2026-06-11T00:00:00Z'), dir);
    expect(later.status.components.find((c) => c.component.id === 'db')).toMatchObject({ status: 'operational', stale: true });
    expect(accessibleName((await componentBadge(later, 'db'))!)).toBe('Database: No recent data');
    expect(accessibleName((await componentBadge(later, 'web'))!)).toBe('Website: Operational'); // no checks: never stale
    fs.rmSync(dir, { recursive: true });
  });

  it('is null for a component the site does not have', async () => {
    expect(await componentBadge(fixtureData(), 'nope')).toBeNull();
  });

  it.each([
    ['de', 'Fixture Status: Schwerer Systemausfall', 'API: Schwerer Ausfall'],
    ['ja', 'Fixture Status: システムの重大な障害', 'API: 重大な障害'],
    ['ar', 'Fixture Status: انقطاع كبير في النظام', 'API: انقطاع كبير'],
  ] as const)('%s: says the status in the language site.yaml chooses, in well-formed XML', async (lang, site, api) => {
    const data = fixtureDataIn(lang);
    const svgs: Record<string, [string, string]> = { 'badge.svg': [await siteBadge(data), site], 'api-badge.svg': [(await componentBadge(data, 'api'))!, api] };
    const dir = tempDir('badges-');
    for (const [file, [svg, name]] of Object.entries(svgs)) {
      expect(accessibleName(svg)).toBe(name);
      expect(svg).toContain(`>${name.slice(name.indexOf(': ') + 2)}</text>`);
      fs.writeFileSync(path.join(dir, file), svg);
    }
    const { python } = pythonWithFeedparser();
    if (!python) return; // no python3 here: hostile.test.ts is skipped too
    const paths = Object.keys(svgs).map((file) => path.join(dir, file));
    expect(runPython(python, strictXml, paths)).toEqual(Object.fromEntries(paths.map((p) => [p, null])));
  });

  it('makes the box wide enough for a translation: a Japanese letter is 1 em (11 px) wide', async () => {
    const svg = await siteBadge(fixtureDataIn('ja'));
    const message = 'システムの重大な障害';
    const box = Number(/<rect x="\d+" width="(\d+)"/.exec(svg)?.[1]);
    expect(box).toBeGreaterThanOrEqual(message.length * 11);
  });

  it('keeps Arabic at its natural width (stretching would part its joined letters) and stretches Latin text as before', async () => {
    const svg = (await componentBadge(fixtureDataIn('ar'), 'api'))!;
    const texts = [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({ attrs: m[1]!, text: m[2]! }));
    expect(texts.filter((t) => t.text === 'انقطاع كبير').every((t) => !t.attrs.includes('textLength'))).toBe(true);
    expect(texts.filter((t) => t.text === 'API').every((t) => t.attrs.includes('textLength'))).toBe(true);
    expect(texts.filter((t) => t.text === 'انقطاع كبير')).toHaveLength(3);
  });
});
