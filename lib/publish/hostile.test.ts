import ICAL from 'ical.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFragment } from 'parse5';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { checkContent, formatProblem, renderMarkdown, withoutForbiddenCharacters } from '../content';
import { componentBadge, siteBadge } from './badges';
import { copyFixture, fixtureData } from './fixtures/fixture';
import { hostileData, hostileText } from './fixtures/hostile';
import { pngSize } from './fixtures/png';
import { pythonWithFeedparser, runPython, strictXml } from './fixtures/python';
import { maintenanceCalendar } from './ics';
import { componentFeed, siteFeed } from './rss';
import { imageSize } from './social-image';
import { statuspage } from './statuspage';
import { spComponentsFile, spIncidentsFile, spScheduledMaintenancesFile, spStatusFile, spSummaryFile } from './statuspage-schema';

/*
 * Every output of content holding every kind of hostile text (fixtures/hostile.ts) parses with strict
 * parsers, and keeps the text a reader should see. The writers are called directly with content that
 * validation would have refused, so these hold even if a control character gets past it.
 */

const data = hostileData();
/** The parts of the hostile text a reader must still see after cleaning. */
const visible = [']]> <![CDATA[ x ]]>', '<script>alert(1)</script>', '🔥 東京 عربي Zürich', '"quotes" \'single\''];
const { python, tried } = pythonWithFeedparser();

function writeAll(files: Record<string, string>): { dir: string; paths: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-hostile-'));
  const paths = Object.entries(files).map(([name, text]) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  });
  return { dir, paths };
}

describe.skipIf(python === null)(python === null ? `hostile text: skipped, no python3 at ${tried.join(' or ')}` : 'hostile text in every output', () => {
  it('the RSS feeds and the SVG badges are well-formed XML; feedparser and rss-parser read the feeds whole', async () => {
    expect(python, `none of ${tried.join(', ')} can import feedparser: apt-get install python3-feedparser`).toBeTruthy();
    const feeds = { 'feed.xml': siteFeed(data), 'api.xml': componentFeed(data, 'api')! };
    const { dir, paths } = writeAll({ ...feeds, 'badge.svg': await siteBadge(data), 'api-badge.svg': (await componentBadge(data, 'api'))! });
    expect(runPython(python!, strictXml, paths)).toEqual(Object.fromEntries(paths.map((p) => [p, null])));

    const script = 'import feedparser, json, sys\nd = feedparser.parse(sys.argv[1])\nprint(json.dumps({"bozo": bool(d.bozo), "problem": str(d.get("bozo_exception", "")), "titles": [e.get("title") for e in d.entries]}))';
    const read = runPython(python!, script, [paths[0]!]) as { bozo: boolean; problem: string; titles: string[] };
    expect(read.bozo, read.problem).toBe(false);
    const feed = await new Parser().parseString(feeds['feed.xml']);
    expect(read.titles).toEqual(feed.items.map((i) => i.title));
    expect(feed.items.length).toBeGreaterThan(0);
    for (const text of visible) expect(feed.title).toContain(text);
    for (const text of visible) expect(feed.items[0]!.title).toContain(text);
    fs.rmSync(dir, { recursive: true });
  });

  it('content that passed validation gives a well-formed feed: validation refuses what the writers would have to drop', async () => {
    const dir = copyFixture();
    const file = path.join(dir, 'incidents', '2026-06-10-api-errors.md');
    const original = fs.readFileSync(file, 'utf8');
    const titled = (title: string) => fs.writeFileSync(file, original.replace('title: API errors', `title: ${JSON.stringify(title)}`));
    titled(hostileText);
    expect(checkContent(dir, { cwd: dir }).problems.map(formatProblem)).toEqual([
      // JSON escapes the C0 controls and the lone surrogates (a YAML escape makes them again), but writes DEL,
      // C1 and U+FFFE/U+FFFF as they are: the first of those typed characters is the problem reported.
      'incidents/2026-06-10-api-errors.md:2:184 title: expected text without control characters, got U+007F (5 more in this file; invisible in most editors: delete it and type the text again)',
    ]);
    titled(withoutForbiddenCharacters(hostileText));
    const feed = siteFeed(fixtureData(undefined, dir));
    const { paths } = writeAll({ 'feed.xml': feed });
    expect(runPython(python!, strictXml, paths)).toEqual({ [paths[0]!]: null });
    const titles = (await new Parser().parseString(feed)).items.map((i) => i.title!).filter((t) => t.includes('| 🔥 東京'));
    expect(titles.length).toBeGreaterThan(0);
    for (const text of visible) expect(titles[0]).toContain(text);
    fs.rmSync(dir, { recursive: true });
    fs.rmSync(path.dirname(paths[0]!), { recursive: true });
  });

  it('every Statuspage JSON file is strict JSON (python json) and matches the Statuspage v2 schema', () => {
    const files = {
      'summary.json': [statuspage.summary(data), spSummaryFile],
      'status.json': [statuspage.status(data), spStatusFile],
      'components.json': [statuspage.components(data), spComponentsFile],
      'incidents.json': [statuspage.incidents(data), spIncidentsFile],
      'scheduled-maintenances.json': [statuspage.scheduledMaintenances(data), spScheduledMaintenancesFile],
    } as const;
    for (const [document, schema] of Object.values(files)) expect(schema.safeParse(document).error).toBeUndefined();
    const { dir, paths } = writeAll(Object.fromEntries(Object.entries(files).map(([name, [document]]) => [name, JSON.stringify(document)])));
    const script = 'import sys, json\nprint(json.dumps([json.load(open(f, encoding="utf-8"))["page"]["name"] for f in sys.argv[1:]]))';
    const names = runPython(python!, script, paths) as string[];
    expect(names).toEqual(paths.map(() => data.content.site.name));
    for (const text of visible) expect(names[0]).toContain(text);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('hostile text in the calendar', () => {
  it('has only CRLF line ends and no control character, and ical.js reads every event with its text', () => {
    const ics = maintenanceCalendar(data);
    // ical-generator ends the last line without CRLF; calendar readers accept it.
    const lines = ics.split('\r\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThan(0);
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toContain('🔥 東京 عربي Zürich');
    for (const event of events) {
      for (const text of visible) expect(event.summary).toContain(text);
      expect(event.description).toContain('<script>alert(1)</script>');
    }
  });
});

describe('hostile text in HTML', () => {
  it('rendered markdown parses with no HTML parse error and escapes markup', () => {
    const errors: string[] = [];
    const html = renderMarkdown(`# ${hostileText}\n\n${hostileText}\n\n- ${hostileText}\n\n[link](javascript:alert(1)) <img src=x onerror=alert(1)>`);
    const fragment = parseFragment(`<div>${html}</div>`, { onParseError: (e) => errors.push(e.code) });
    expect(errors).toEqual([]);
    expect(JSON.stringify(fragment.childNodes.length)).toBe('1');
    expect(html).not.toMatch(/<script|<img|javascript:/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('hostile text in images', () => {
  it('renders the home and incident images as 1200×630 PNGs, with no network connection', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-og-hostile-'));
    const script = path.join(__dirname, 'fixtures', 'render-images.tsx');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, dir, '--hostile'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const { attempts, files, errors } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { attempts: string[]; files: string[]; errors: string[] };
    expect(errors).toEqual([]);
    expect(attempts).toEqual([]);
    expect(files).toHaveLength(1 + data.content.incidents.length);
    for (const file of files) expect(pngSize(file)).toEqual(imageSize);
    fs.rmSync(dir, { recursive: true });
  }, 90_000);
});
