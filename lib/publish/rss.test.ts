import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { addIncidentUpdate, copyFixture, fixtureData, fixtureDataIn, fixtureNow, fixtureSecrets } from './fixtures/fixture';
import { pythonWithFeedparser } from './fixtures/python';
import { componentFeed, siteFeed } from './rss';
import { publishedBy } from '../status';

const parser = new Parser();
const at = (iso: string) => new Date(iso);

/** What a feed must hold at `now`: one item per published update, plus one announcement per window. */
function expectedItemCount(now: Date, componentId?: string): number {
  const { content } = fixtureData(now);
  const touches = (ids: string[]) => componentId === undefined || ids.includes(componentId);
  const incidentItems = content.incidents
    .filter((i) => touches([...Object.keys(i.components), ...i.updates.flatMap((u) => Object.keys(u.components ?? {}))]))
    .reduce((n, i) => n + publishedBy(i.updates, now).length, 0);
  const maintenanceItems = content.maintenance.filter((m) => touches(m.components)).reduce((n, m) => n + 1 + publishedBy(m.updates, now).length, 0);
  return incidentItems + maintenanceItems;
}

describe('siteFeed', () => {
  it('has one item per published incident update and per maintenance announcement and update', async () => {
    const feed = await parser.parseString(siteFeed(fixtureData()));
    expect(feed.title).toBe('Fixture Status');
    expect(feed.items).toHaveLength(expectedItemCount(fixtureNow));
    expect(feed.items).toHaveLength(13);
    expect(new Set(feed.items.map((i) => i.guid)).size).toBe(feed.items.length);
    expect(feed.items.map((i) => i.title)).toContain('API errors: Identified (API, Database)');
    expect(feed.items.map((i) => i.title)).toContain('Scheduled maintenance: Network work (API, Website)');
    // The 13:00 update is not out yet at noon.
    expect(feed.items.map((i) => i.guid)).not.toContain('https://status.fixture.example/incidents/2026-06-10-api-errors#update-3');
  });

  it('links each item to its page, with the update rendered safely and site links made absolute', async () => {
    const feed = await parser.parseString(siteFeed(fixtureData()));
    const first = feed.items.find((i) => i.guid === 'https://status.fixture.example/incidents/2026-06-10-api-errors#update-1')!;
    expect(first.link).toBe('https://status.fixture.example/incidents/2026-06-10-api-errors');
    expect(first.isoDate).toBe('2026-06-10T10:00:00.000Z');
    expect(first.content).toContain('href="https://status.fixture.example/history"');
    expect(first.content).toContain('&lt;script&gt;');
    expect(first.content).not.toContain('<script');
    expect(first.content).not.toContain('javascript:');
    expect(first.content).toContain('href="https://status.fixture.example/incidents/2026-06-10-api-errors"');
  });

  it('gives the same bytes for the same content, whenever it is built', () => {
    expect(siteFeed(fixtureData(at('2026-06-10T12:05:00Z')))).toBe(siteFeed(fixtureData()));
  });

  it('keeps every GUID when an update is published or added, and adds exactly one item per update', async () => {
    const before = await parser.parseString(siteFeed(fixtureData()));
    const later = await parser.parseString(siteFeed(fixtureData(at('2026-06-10T13:30:00Z'))));
    expect(later.items).toHaveLength(before.items.length + 1);
    expect(later.items.map((i) => i.guid)).toEqual(expect.arrayContaining(before.items.map((i) => i.guid)));

    const dir = copyFixture();
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:20:00Z\n    status: resolved\n    message: Recovered.');
    const edited = await parser.parseString(siteFeed(fixtureData(at('2026-06-10T13:30:00Z'), dir)));
    expect(edited.items).toHaveLength(later.items.length + 1);
    const added = edited.items.find((i) => i.guid === 'https://status.fixture.example/incidents/2026-06-10-api-errors#update-4');
    expect(added?.title).toBe('API errors: Resolved (API, Database)');
    expect(edited.items.map((i) => i.guid)).toEqual(expect.arrayContaining(later.items.map((i) => i.guid)));
    fs.rmSync(dir, { recursive: true });
  });

  it('never contains a check target, header or secret', () => {
    const xml = siteFeed(fixtureData()) + componentFeed(fixtureData(), 'api') + componentFeed(fixtureData(), 'db');
    for (const secret of fixtureSecrets) expect(xml).not.toContain(secret);
  });
});

describe('componentFeed', () => {
  it('holds only what touches the component', async () => {
    const feed = await parser.parseString(componentFeed(fixtureData(), 'db')!);
    expect(feed.title).toBe('Fixture Status: Database');
    expect(feed.link).toBe('https://status.fixture.example/components/db');
    expect(feed.items).toHaveLength(expectedItemCount(fixtureNow, 'db'));
    expect(feed.items).toHaveLength(7);
    expect(feed.items.every((i) => /Database|API errors/.test(i.title!))).toBe(true);
  });

  it('is null for a component the site does not have', () => {
    expect(componentFeed(fixtureData(), 'nope')).toBeNull();
  });
});

describe('feeds in the language site.yaml chooses', () => {
  it('says language en and keeps English words by default', () => {
    const xml = siteFeed(fixtureData());
    expect(xml).toContain('<language><![CDATA[en]]></language>');
    expect(xml).toContain('Scheduled from 20 Jun 2026, 02:00 UTC to 20 Jun 2026, 04:00 UTC.');
  });

  it('de: the channel says de, our words are German, staff words stay as written', async () => {
    const data = fixtureDataIn('de');
    const xml = siteFeed(data);
    expect(xml).toContain('<language><![CDATA[de]]></language>');
    const feed = await parser.parseString(xml);
    expect(feed.items).toHaveLength(13);
    const titles = feed.items.map((i) => i.title);
    expect(titles).toContain('API errors: Ursache erkannt (API und Database)');
    expect(titles).toContain('Geplante Wartung: Network work (API und Website)');
    const announcement = feed.items.find((i) => i.title!.startsWith('Geplante Wartung: Network work'))!;
    expect(announcement.content).toContain('Geplant von 20. Juni 2026, 02:00 UTC bis 20. Juni 2026, 04:00 UTC.');
    expect(announcement.content).toContain('>Wartung ansehen</a>');
    const component = await parser.parseString(componentFeed(data, 'db')!);
    expect(component.title).toBe('Fixture Status: Database');
    expect(component.description).toBe('Vorfälle und Wartungen, die Database betreffen');
    expect(component.items.map((i) => i.title)).toContain('API errors: Ursache erkannt (API und Database)');
  });

  it('ar: the channel says ar, with Arabic words and names listed the Arabic way', async () => {
    const feed = await parser.parseString(siteFeed(fixtureDataIn('ar')));
    expect(feed.language).toBe('ar');
    expect(feed.items.map((i) => i.title)).toContain('API errors: تم تحديد السبب (API وDatabase)');
    expect(feed.items.find((i) => i.guid?.endsWith('#update-1'))?.content).toMatch(/>عرض (الحادثة|الصيانة)<\/a>/);
  });
});

const { python, tried } = pythonWithFeedparser();

describe.skipIf(python === null)(python === null ? `python feedparser: skipped, no python3 at ${tried.join(' or ')}` : 'python feedparser', () => {
  it('reads every feed as valid RSS with the same items as rss-parser', async () => {
    expect(python, `python3 is present but none of ${tried.join(', ')} can import feedparser: apt-get install python3-feedparser`).toBeTruthy();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-feed-'));
    const feeds = { site: siteFeed(fixtureData()), db: componentFeed(fixtureData(), 'db')!, ar: siteFeed(fixtureDataIn('ar')), ja: componentFeed(fixtureDataIn('ja'), 'db')! };
    for (const [name, xml] of Object.entries(feeds)) {
      const file = path.join(dir, `${name}.xml`);
      fs.writeFileSync(file, xml);
      const script = 'import feedparser, json, sys\nd = feedparser.parse(sys.argv[1])\nprint(json.dumps({"bozo": bool(d.bozo), "problem": str(d.get("bozo_exception", "")), "version": d.version, "title": d.feed.get("title"), "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link")} for e in d.entries]}))';
      const run = spawnSync(python!, ['-c', script, file], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const parsed = JSON.parse(run.stdout) as { bozo: boolean; problem: string; version: string; entries: { id: string; title: string; link: string }[] };
      expect(parsed.bozo, parsed.problem).toBe(false);
      expect(parsed.version).toBe('rss20');
      const ours = await parser.parseString(xml);
      expect(parsed.entries.map((e) => e.id)).toEqual(ours.items.map((i) => i.guid));
      expect(parsed.entries.map((e) => e.title)).toEqual(ours.items.map((i) => i.title));
    }
    fs.rmSync(dir, { recursive: true });
  });
});
