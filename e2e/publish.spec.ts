import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContent } from '../lib/content';
import { liveFile, liveFilePaths } from '../lib/publish/live';
import { readSiteData } from '../lib/site-data';

/** What the built site publishes besides its pages, with the type a static host serves each as. */
const now = new Date();
const content = loadContent('content', { now });
const published: [string, RegExp][] = [
  ['/feed.xml', /xml/],
  ['/maintenance.ics', /text\/calendar/],
  ['/badge.svg', /image\/svg\+xml/],
  ['/og.png', /image\/png/],
  ['/status.json', /json/],
  ...['summary', 'status', 'components', 'incidents', 'incidents/unresolved', 'scheduled-maintenances', 'scheduled-maintenances/upcoming', 'scheduled-maintenances/active'].map(
    (name): [string, RegExp] => [`/api/v2/${name}.json`, /json/],
  ),
  ...content.site.components.flatMap((c): [string, RegExp][] => [
    [`/components/${c.id}/feed.xml`, /xml/],
    [`/components/${c.id}/badge.svg`, /image\/svg\+xml/],
  ]),
  ...content.incidents.map((i): [string, RegExp] => [`/incidents/${i.id}/og.png`, /image\/png/]),
];

test('every feed, JSON file, calendar, badge and image is served with its type', async ({ request }) => {
  for (const [url, type] of published) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()['content-type'], url).toMatch(type);
  }
});

test('the build ships the same live files `outpost publish` writes for the same moment', () => {
  const { generatedAt } = JSON.parse(fs.readFileSync('out/status.json', 'utf8')) as { generatedAt: string };
  const data = readSiteData({ contentDir: 'content', dataDir: 'data', now: new Date(generatedAt) });
  for (const file of liveFilePaths) expect(fs.readFileSync(path.join('out', file), 'utf8'), file).toBe(liveFile(data, file));
});

test('an id the site does not have gets no file', async ({ request }) => {
  for (const url of ['/components/nope/feed.xml', '/components/nope/badge.svg', '/incidents/nope/og.png', '/incidents/2099-01-01-nope/og.png']) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
});

/**
 * Strings from the checks in site.yaml that say more than the page does: targets, hosts, header names,
 * header values and the environment variables they read. A string the site shows anyway (a description
 * naming the API's host) is not a leak.
 */
function checkSecrets(): string[] {
  const pub = JSON.stringify([content.site.name, content.site.url, content.site.homepage, content.site.description, content.site.components.map((c) => [c.name, c.description])]);
  const strings = content.site.components.flatMap((c) =>
    c.checks.flatMap((check) => {
      if (check.type === 'http') {
        const headers = Object.entries(check.headers).flatMap(([name, value]) => [`${name}: ${value}`, value, ...[...value.matchAll(/\$\{env:(\w+)\}/g)].map((m) => m[1]!)]);
        return [check.url, ...headers];
      }
      if (check.type === 'dns') return [check.name, check.server ?? ''];
      if (check.type === 'statuspage') return [check.url];
      return [check.host, `${check.host}:${check.port}`];
    }),
  );
  return [...new Set(strings.map((s) => s.replace(/\/+$/, '')))].filter((s) => s.length >= 4 && !pub.includes(s));
}

test('no file in out/ holds a check target, header or secret', () => {
  const secrets = checkSecrets();
  expect(secrets).toEqual(expect.arrayContaining(['https://api.acme.example/health', 'ACME_HEALTH_TOKEN', 'db.acme.example']));
  const files = fs.readdirSync('out', { recursive: true }).map(String).filter((f) => fs.statSync(path.join('out', f)).isFile());
  expect(files.length).toBeGreaterThan(30);
  for (const file of files) {
    const text = fs.readFileSync(path.join('out', file), 'latin1');
    for (const secret of secrets) expect(text.includes(secret), `${file} contains ${secret}`).toBe(false);
  }
});
