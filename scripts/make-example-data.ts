// Writes data/example.json: the shipped example's monitoring data, made by feeding synthetic rounds through
// the store's real code. Deterministic: the same file on every run. Run: npx tsx scripts/make-example-data.ts
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../lib/content';
import { planChecks } from '../lib/monitor/plan';
import { emptyStore, parseStore } from '../lib/monitor/store';
import { seededRandom, simulate, type Scenario } from '../lib/monitor/simulate';
import { because, type Reason } from '../lib/status/reason';

const anchor = Date.parse('2026-11-23T12:00:00Z');
const days = 92;
const at = (iso: string) => Date.parse(iso);
const during = (t: number, from: string, to: string | null) => t >= at(from) && (to === null || t < at(to));

/** What went wrong, and when. Times match the example incidents; three outages have no incident (found by the pinger alone). */
const scenario: Scenario = (checkId, t) => {
  const minute = Math.floor(t / 60_000);
  switch (checkId) {
    case 'api':
      if (during(t, '2026-10-28T22:12:00Z', '2026-10-28T23:18:00Z')) return { verdict: 'down', why: [because.httpUnexpected(503, '2xx')], totalMs: 41 };
      if (during(t, '2026-11-23T10:38:00Z', null)) {
        // One overloaded replica: most answers slow, a few failing even after retries, never two rounds in a row.
        if (t < at('2026-11-23T11:40:00Z') && minute % 9 === 0) return { verdict: 'down', why: [because.httpUnexpected(503, '2xx')], totalMs: 38 };
        const ms = 1_700 + (minute % 7) * 130;
        return { verdict: 'degraded', why: [because.http(200), because.slow(ms, 1500)], totalMs: ms };
      }
      return null;
    case 'webhooks':
      if (during(t, '2026-10-28T22:16:00Z', '2026-10-28T22:48:00Z')) return { verdict: 'down', why: [because.httpUnexpected(502, '2xx')], totalMs: 35 };
      return null;
    case 'cdn':
      if (during(t, '2026-10-05T03:12:00Z', '2026-10-05T03:26:00Z')) return { verdict: 'down', why: [because.timeoutHandshake(10_000)], totalMs: 10_000 };
      if (during(t, '2026-11-16T03:20:00Z', '2026-11-16T03:31:00Z')) return { verdict: 'down', why: [because.plain('reason.connectionRefused')], totalMs: 3 };
      // "Slow downloads in Asia": slow handshakes until the provider's rerouting took effect.
      if (during(t, '2026-11-23T09:05:00Z', '2026-11-23T10:35:00Z')) {
        const ms = 2_100 + (minute % 5) * 90;
        return { verdict: 'degraded', why: [because.certValidFor(61), because.slow(ms, 2000)], totalMs: ms };
      }
      return null;
    case 'website':
      if (during(t, '2026-09-02T09:14:00Z', '2026-09-02T09:20:00Z')) return { verdict: 'down', why: [because.httpUnexpected(502, '2xx')], totalMs: 60 };
      // Down now, and nobody has written an incident yet: the page says "detected automatically".
      if (during(t, '2026-11-23T11:41:00Z', null)) return { verdict: 'down', why: [because.httpUnexpected(502, '2xx')], totalMs: 48 };
      return null;
    case 'dns':
      if (during(t, '2026-09-15T06:10:00Z', '2026-09-15T07:00:00Z')) return { verdict: 'degraded', why: [because.dnsAnswers(2, 'A'), because.slow(2_400, 2000)], totalMs: 2_400 };
      return null;
    case 'dashboard':
      if (during(t, '2026-11-10T14:05:00Z', '2026-11-10T14:50:00Z')) return { verdict: 'degraded', why: [because.http(200), because.slow(2_600, 2000)], totalMs: 2_600 };
      return null;
    case 'database':
      if (during(t, '2026-11-23T11:02:00Z', '2026-11-23T11:09:00Z')) return { verdict: 'down', why: [because.plain('reason.connectionRefused')], totalMs: 2 };
      return null;
    default:
      return null;
  }
};

const normalReason: Record<string, Reason> = { http: [because.http(200)], tcp: [because.connected()], tls: [because.certValidFor(61)], dns: [because.dnsAnswers(2, 'A')] };
const baseMs: Record<string, number> = { website: 180, api: 95, dashboard: 240, database: 4, cdn: 35, dns: 12, webhooks: 130 };

const content = loadContent('content', { now: new Date(anchor) });
const plans = planChecks(content.site, { ...process.env, ACME_HEALTH_TOKEN: 'not-used-no-request-is-made' });
const data = emptyStore('example');
simulate(data, {
  checks: plans.map((p) => ({ id: p.id, componentId: p.componentId, baseMs: baseMs[p.id] ?? 100, intervalSeconds: p.intervalSeconds, why: normalReason[p.check.type] })),
  from: anchor - days * 86_400_000,
  to: anchor - 30_000,
  location: 'example',
  rules: content.site.monitoring,
  scenario,
  limits: { resultsPerCheck: 3, rollupDays: 400, outagesPerCheck: 500 },
  random: seededRandom(20261123),
});

const file = path.join('data', 'example.json');
const text = `${JSON.stringify(data)}\n`;
parseStore(text, file); // what ships must read back
fs.mkdirSync('data', { recursive: true });
fs.writeFileSync(file, text);
console.log(`wrote ${file}: ${(text.length / 1024).toFixed(1)} KB, ${Object.keys(data.checks).length} checks, ${days} days, ${data.outages.length} outages (${data.outages.filter((o) => !o.endedAt).length} open)`);
