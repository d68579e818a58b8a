import { gzipSync } from 'node:zlib';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadContent } from '@/lib/content';
import { readSiteData, type SiteData } from '@/lib/site-data';
import { words } from '@/lib/i18n';
import type { UpstreamState } from '@/lib/status';
import { because } from '@/lib/status/reason';
import { outputs, type PageOutput } from '../outputs';
import { ComponentPage, componentPageInput } from '../pages/component';
import { LatencyChart, latencyOf } from './latency-chart';
import { Providers } from './providers';
import { outagesOf, RecentOutages } from './recent-outages';
import { barsMarkup, barsOf, UptimeBars } from './uptime-bars';

// The shipped example, read at its anchor: the same picture the built site shows.
const example = readSiteData({ contentDir: 'content', dataDir: 'data', now: new Date('2026-11-23T12:00:00Z') });
const en = words('en');

/** Each bar, in order: its colour, its words, and whether the keyboard reaches it (then its words are its name). */
function bars(html: string) {
  return [...html.matchAll(/<i class="(\w)"(?: data-t="([^"]*)"| tabindex="0" role="img" aria-label="([^"]*)")><\/i>/g)].map((m) => ({ kind: m[1], text: m[2] ?? m[3], focusable: m[3] !== undefined }));
}

describe('UptimeBars', () => {
  it('draws 90 days, worst status per day, with words for each', () => {
    const html = renderToStaticMarkup(<UptimeBars bars={barsOf(example, 'api')} w={en} />);
    const days = bars(html);
    expect(days).toHaveLength(90);
    expect(days.find((d) => d.text?.startsWith('28 Oct'))).toEqual({ kind: 'm', text: '28 Oct: 95.27% uptime, 1 h 8 min down. API unavailable', focusable: true });
    expect(days.at(-1)).toMatchObject({ kind: 'p', text: '23 Nov: 96.66% uptime, 1 h 20 min partial outage. Elevated API error rates', focusable: true });
    expect(days[0]).toEqual({ kind: 'o', text: '26 Aug: 100% uptime', focusable: false });
    expect(html).toContain('<dt><abbr title="24 hours">24 h</abbr></dt><dd>98.33%</dd>');
    expect(html).toContain('<dt><abbr title="90 days">90 d</abbr></dt><dd>99.92%</dd>');
    expect(html).toContain('<p class="ub-sr">Uptime over the last 90 days: 99.92%; 2 days with trouble, each listed next.</p>');
    // Each day's words once: a focusable day is named by them and carries no copy for the tooltip.
    expect(html.match(/28 Oct: 95\.27%/g)).toHaveLength(1);
  });

  it('shows an outage open now, a maintenance day, and days with no record', () => {
    const website = bars(renderToStaticMarkup(<UptimeBars bars={barsOf(example, 'website')} w={en} />));
    expect(website.at(-1)).toMatchObject({ kind: 'm', text: '23 Nov: 97.36% uptime, 19 min down' });
    const cdn = bars(renderToStaticMarkup(<UptimeBars bars={barsOf(example, 'cdn')} w={en} />));
    // The 11-minute outage fell inside the announced maintenance window: it does not count.
    expect(cdn.find((d) => d.text?.startsWith('16 Nov'))).toMatchObject({ kind: 'u', text: '16 Nov: 100% uptime, 1 h maintenance' });
    const noData = bars(renderToStaticMarkup(<UptimeBars bars={barsOf({ ...example, monitor: null }, 'api')} w={en} />));
    expect(noData[0]).toEqual({ kind: 'n', text: '26 Aug: no data', focusable: false });
  });
});

describe('barsMarkup', () => {
  it('writes each bar as React writes the element, whatever characters its words hold', () => {
    const days = [
      { date: '2026-11-01', kind: 'o' as const, text: `1 Nov: 100% uptime "quoted" & <tagged> it's` },
      { date: '2026-11-02', kind: 'n' as const, text: '2 Nov: no data' },
      { date: '2026-11-03', kind: 'm' as const, text: `3 Nov: 90% uptime, 2 h down. "API" & 'DB' <down>` },
      { date: '2026-11-04', kind: 'u' as const, text: '4 Nov: 100% uptime, 1 h maintenance' },
    ];
    const react = renderToStaticMarkup(
      <>{days.map(({ date, kind, text }) => (kind === 'o' || kind === 'n' ? <i key={date} className={kind} data-t={text} /> : <i key={date} className={kind} tabIndex={0} role="img" aria-label={text} />))}</>,
    );
    expect(barsMarkup(days)).toBe(react);
    expect(bars(react).map((d) => d.focusable)).toEqual([false, false, true, true]);
  });
});

describe('LatencyChart', () => {
  it('draws p50 and p95 per day as an SVG with a title, a description and a table', () => {
    const html = renderToStaticMarkup(<LatencyChart latency={latencyOf(example, 'api')} w={en} />);
    expect(html).toMatch(/<svg viewBox="0 0 720 200" preserveAspectRatio="none" role="img" aria-labelledby="lc-api-t lc-api-d"[^>]*><title id="lc-api-t">Latency of API per day, last 90 days \(log scale\)<\/title>/);
    expect(html).toMatch(/<desc id="lc-api-d">Typical median latency \d+ ms, typical 95th percentile \d+ ms; the slowest day was 23 Nov 2026 with a 95th percentile of 2\.\d s\.<\/desc>/);
    const paths = [...html.slice(0, html.indexOf('<figcaption')).matchAll(/<path class="(p50|p95)" d="([^"]+)"/g)];
    expect(paths.map((p) => p[1])).toEqual(['p95', 'p50']);
    for (const [, , d] of paths) expect(d!.match(/[ML]/g)).toHaveLength(90);
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(90);
    expect(html).not.toContain('<script');
  });

  it('labels its axes as page text, so they keep their size at any width', () => {
    const html = renderToStaticMarkup(<LatencyChart latency={latencyOf(example, 'api')} w={en} />);
    expect(html).not.toContain('<text');
    expect(html).toMatch(/<ol class="lc-y" aria-hidden="true">(<li>[^<]+<\/li>)+<\/ol>/);
    expect(html).toContain('<p class="lc-x" aria-hidden="true"><span>26 Aug 2026</span><span>23 Nov 2026</span></p>');
  });

  it('says why in words when there is no line to draw', () => {
    expect(renderToStaticMarkup(<LatencyChart latency={latencyOf({ ...example, monitor: null }, 'api')} w={en} />)).toBe(
      '<p class="muted">No response times for API yet: the monitor has recorded none in the last 90 days. The chart starts with its first day of results.</p>',
    );
    // A new site's first day: one point is no line.
    const firstDay = { ...example.monitor!, daily: { api: example.monitor!.daily.api!.slice(-1) } };
    const html = renderToStaticMarkup(<LatencyChart latency={latencyOf({ ...example, monitor: firstDay }, 'api')} w={en} />);
    expect(html).toMatch(/^<p class="muted">One day of response times for API so far \(23 Nov 2026\): median \d+ ms, 95th percentile 2\.\d s\. The chart draws a line from the second day\.<\/p>$/);
  });

  it('draws a day with no measured neighbour as a dot', () => {
    const daily = example.monitor!.daily.api!;
    const apart = { ...example.monitor!, daily: { api: [daily.at(-10)!, daily.at(-1)!] } };
    const html = renderToStaticMarkup(<LatencyChart latency={latencyOf({ ...example, monitor: apart }, 'api')} w={en} />);
    const d = /<path class="p50" d="([^"]+)"/.exec(html)![1]!;
    expect(d.match(/M[\d.]+ [\d.]+h0/g)).toHaveLength(2);
  });
});

describe('RecentOutages', () => {
  it('lists confirmed outages newest first, with their incident or as detected automatically', () => {
    const html = renderToStaticMarkup(<RecentOutages outages={outagesOf(example)} w={en} />);
    const items = [...html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(items[0]).toBe('Website: 23 Nov 2026, 11:41 UTC, ongoing for 19 min. First failed check: HTTP 502 (expected 2xx). Detected automatically; no incident report.');
    expect(items).toContain('API: 28 Oct 2026, 22:12 UTC, down 1 h 6 min. First failed check: HTTP 503 (expected 2xx). API unavailable');
    expect(html).toContain('<a href="/incidents/2026-10-28-api-outage">API unavailable</a>');
    expect(html).toContain('<time dateTime="2026-10-28T22:12:00.527Z">28 Oct 2026, 22:12 UTC</time>');
  });
});

describe("the pinger's reasons in the site's language", () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const content = loadContent('content', { now });
  // The example in German, as `language: de` in site.yaml makes it; its data file records reasons in parts (format 3).
  const german = readSiteData({ content: { ...content, site: { ...content.site, language: 'de' } }, dataDir: 'data', now });
  const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"');

  it("a German component page gives its recorded outages' reasons in German", () => {
    const website = text(renderToStaticMarkup(<ComponentPage {...componentPageInput(german, 'website')} />));
    expect(website).toContain('Erste fehlgeschlagene Prüfung: HTTP 502 (erwartet: 2xx).');
    const api = text(renderToStaticMarkup(<ComponentPage {...componentPageInput(german, 'api')} />));
    expect(api).toContain('Erste fehlgeschlagene Prüfung: HTTP 503 (erwartet: 2xx).');
    expect(website + api).not.toMatch(/expected|First failed/);
  });

  it('an outage recorded before reasons had parts is shown as recorded, in English', () => {
    const old = { ...german, monitor: { ...german.monitor!, outages: german.monitor!.outages.map((o) => ({ ...o, why: null })) } };
    expect(text(renderToStaticMarkup(<ComponentPage {...componentPageInput(old, 'website')} />))).toContain('Erste fehlgeschlagene Prüfung: HTTP 502 (expected 2xx).');
  });

  it("a German report page names each confirmed outage's reason in German; report.json keeps the English only", () => {
    const input = outputs.report.input(german, { period: '2026-10' });
    const html = text(renderToStaticMarkup((outputs.report.render(input, '.') as PageOutput).main));
    expect(html).toContain('bestätigter Ausfall (HTTP 503 (erwartet: 2xx))');
    expect(html).not.toContain('expected 2xx');
    const json = outputs.reportJson.render(outputs.reportJson.input(german, { period: '2026-10' }), '.') as string;
    expect(json).toContain('"reason":"HTTP 503 (expected 2xx)"');
    expect(json).not.toContain('"why"');
  });

  it("a provider that cannot be read says why in the site's language", () => {
    const gone: UpstreamState = {
      checkId: 'stripe', componentId: null, affects: false, name: 'Stripe', pageUrl: 'https://status.stripe.example', status: null, components: [], incidents: [],
      readAt: null, stale: false, unreachable: true, reason: 'connection refused', why: [because.plain('reason.connectionRefused')], lastCheckedAt: now.toISOString(),
    };
    expect(text(renderToStaticMarkup(<Providers upstream={[gone]} w={words('de')} />))).toContain('Noch nicht gelesen · Verbindung abgelehnt');
    expect(text(renderToStaticMarkup(<Providers upstream={[gone]} w={en} />))).toContain('Not read yet · connection refused');
    expect(text(renderToStaticMarkup(<Providers upstream={[{ ...gone, why: null }]} w={words('de')} />))).toContain('Noch nicht gelesen · connection refused');
  });
});

describe('page weight', () => {
  it('keeps 50 components of bars small (gzip)', () => {
    // 50 components, each with one of the example's monitored histories.
    const sources = example.content.site.components.filter((c) => c.checks.length > 0);
    const components = Array.from({ length: 50 }, (_, i) => ({ ...sources[i % sources.length]!, id: `c-${i}`, name: `Component ${i}` }));
    const source = (i: number) => sources[i % sources.length]!.id;
    const monitor = {
      ...example.monitor!,
      daily: Object.fromEntries(components.map((c, i) => [c.id, example.monitor!.daily[source(i)]!])),
      outages: components.flatMap((c, i) => example.monitor!.outages.filter((o) => o.componentId === source(i)).map((o) => ({ ...o, componentId: c.id }))),
    };
    const data: SiteData = { ...example, monitor, content: { ...example.content, site: { ...example.content.site, components } } };
    const html = components.map((c) => renderToStaticMarkup(<UptimeBars bars={barsOf(data, c.id)} w={en} />)).join('');
    const gzipKB = gzipSync(html).length / 1024;
    console.log(`uptime bars for 50 components: ${(html.length / 1024).toFixed(1)} KB, ${gzipKB.toFixed(1)} KB gzip`);
    expect(gzipKB).toBeLessThan(12);
  });
});
