import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ping } from '../cli/ping';
import { fixtureData } from '../publish/fixtures/fixture';
import { statuspage } from '../publish/statuspage';
import { readSiteData } from '../site-data';
import { componentTimeline, uptimePercent } from '../status';
import { runCheck } from './runner';
import { closedPort, plan, serveHttp, type Running } from './test-support';

// Statuspage v2 upstreams on 127.0.0.1: every status and indicator, malformed answers, a slow and a dead one.

const statuses = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
const indicators = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;

/** A summary.json with one component per status, the page indicator given, and one open incident. */
function summary(indicator: string, incidentName = 'Elevated errors') {
  return {
    page: { id: 'up1', name: 'Upstream Cloud', url: 'https://status.upstream.example', time_zone: 'Etc/UTC', updated_at: '2026-11-23T11:00:00Z' },
    components: [
      { id: 'grp', name: 'Regions', status: 'major_outage', group: true, components: statuses.map((s) => `c-${s}`) },
      ...statuses.map((s) => ({ id: `c-${s}`, name: `Component ${s.replace(/_/g, ' ')}`, status: s, group: false, group_id: 'grp' })),
    ],
    incidents: [{ id: 'inc1', name: incidentName, status: 'identified', impact: 'major', components: [{ id: 'c-partial_outage' }] }],
    scheduled_maintenances: [],
    status: { indicator, description: 'words' },
  };
}

let server: Running;
/** Path → what the server does with it. */
const routes: Record<string, (res: http.ServerResponse) => void> = {};
const json = (body: unknown) => (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));

beforeAll(async () => {
  server = await serveHttp((req, res) => (routes[req.url ?? ''] ?? ((r) => r.writeHead(404).end()))(res));
  for (const indicator of indicators) routes[`/${indicator}/api/v2/summary.json`] = json(summary(indicator));
  routes['/components.json'] = json({ page: summary('none').page, components: summary('none').components });
  routes['/malformed'] = json('{"page": {"name": "x"}, "components": [');
  routes['/not-statuspage'] = json({ page: { name: 'x' }, components: [{ id: 'a', name: 'A', status: 'fine' }] });
  routes['/error'] = (res) => res.writeHead(503).end('busy');
  let flaky = 0;
  routes['/flaky'] = (res) => (flaky++ % 2 === 0 ? res.writeHead(503).end('busy') : json(summary('none'))(res));
  routes['/redirect'] = (res) => res.writeHead(301, { location: '/none/api/v2/summary.json' }).end();
  routes['/slow'] = (res) => setTimeout(() => json(summary('none'))(res), 1_000);
  routes['/html-titles'] = json(summary('major', '<script>alert(1)</script>\u0007 Outage\u202E\nin <b>EU</b>'));
  // Outpost's own /api/v2/summary.json, as lib/publish makes it for its fixture site at noon on 10 June.
  routes['/outpost/api/v2/summary.json'] = json(statuspage.summary(fixtureData()));
});
afterAll(() => server.close());

const check = (url: string, extra: Record<string, unknown> = {}, probe: Record<string, number> = {}) =>
  runCheck(plan({ type: 'statuspage', url: url.startsWith('http') ? url : `${server.url}${url}`, ...extra }, { probe }), 'test-1');

describe('a statuspage check reads Statuspage v2 JSON', () => {
  const verdicts = { operational: 'up', under_maintenance: 'up', degraded_performance: 'degraded', partial_outage: 'degraded', major_outage: 'down' };
  it.each(statuses)('component status %s', async (status) => {
    const result = await check('/none/api/v2/summary.json', { components: [`c-${status}`] });
    expect([result.verdict, result.upstream?.status, result.upstream?.components]).toEqual([verdicts[status], status, [{ name: `Component ${status.replace(/_/g, ' ')}`, status }]]);
  });

  const pageStatus = { none: 'operational', minor: 'degraded_performance', major: 'partial_outage', critical: 'major_outage', maintenance: 'under_maintenance' } as const;
  it.each(indicators)('page indicator %s, following the whole page', async (indicator) => {
    const result = await check(`/${indicator}/api/v2/summary.json`);
    expect([result.verdict, result.upstream?.status]).toEqual([verdicts[pageStatus[indicator]], pageStatus[indicator]]);
    // Group rows are not components of their own.
    expect(result.upstream?.components.map((c) => c.status)).toEqual([...statuses]);
  });

  it('components.json: the worst component, names in any case, ids too', async () => {
    expect((await check('/components.json')).upstream?.status).toBe('major_outage');
    const result = await check('/components.json', { components: ['COMPONENT DEGRADED PERFORMANCE', 'c-operational'] });
    expect([result.verdict, result.reason]).toEqual(['degraded', 'Upstream Cloud: degraded performance (Component degraded performance degraded performance)']);
  });

  it('names the upstream incidents of the components followed, in its reason', async () => {
    const result = await check('/major/api/v2/summary.json', { components: ['c-partial_outage'] });
    expect(result.upstream?.incidents).toEqual([{ name: 'Elevated errors', status: 'identified', impact: 'major' }]);
    expect(result.reason).toBe('Upstream Cloud: partial outage (Component partial outage partial outage); incident "Elevated errors" (identified)');
    expect((await check('/major/api/v2/summary.json', { components: ['c-operational'] })).upstream?.incidents).toEqual([]);
  });

  it('keeps upstream titles as plain text, never markup or control characters', async () => {
    const result = await check('/html-titles');
    expect(result.upstream?.incidents[0]!.name).toBe('<script>alert(1)</script> Outage in <b>EU</b>');
  });

  it("reads Outpost's own summary.json", async () => {
    const own = statuspage.summary(fixtureData());
    const api = own.components.find((c) => c.id === 'api' && !c.group)!;
    const byId = await check('/outpost/api/v2/summary.json', { components: ['api'] });
    expect([byId.verdict, byId.upstream?.status, byId.upstream?.page]).toEqual(['down', api.status, own.page.name]);
    expect(byId.upstream?.incidents.map((i) => i.name)).toEqual(own.incidents.map((i) => i.name));
    const byName = await check('/outpost/api/v2/summary.json', { components: ['database'] });
    expect(byName.upstream?.status).toBe(own.components.find((c) => c.name === 'Database')!.status);
  });

  const unreadable = [
    { name: 'malformed JSON', url: '/malformed', reason: 'upstream unreadable: not JSON' },
    { name: 'JSON of another shape', url: '/not-statuspage', reason: 'upstream unreadable: not a Statuspage v2 document (components.0.status: Invalid option: expected one of "operational"|"under_maintenance"|"degraded_performance"|"partial_outage"|"major_outage")' },
    { name: 'an error status', url: '/error', reason: 'upstream unreadable: HTTP 503' },
    { name: 'a redirect', url: '/redirect', reason: 'upstream unreadable: HTTP 301 (a redirect: set url to the address it leads to)' },
    { name: 'a component it does not have', url: '/components.json', extra: { components: ['Payments'] }, reason: 'upstream unreadable: no component "Payments" upstream (known: Component operational, Component under maintenance, Component degraded performance, Component partial outage, Component major outage)' },
  ];
  it.each(unreadable)('$name is down, with no upstream reading', async ({ url, extra, reason }) => {
    const result = await check(url, extra);
    expect([result.verdict, result.reason, result.upstream]).toEqual(['down', reason, undefined]);
  });

  it('is retried like any check: a failed read, then a good one', async () => {
    const result = await runCheck(plan({ type: 'statuspage', url: `${server.url}/flaky` }, { retries: 1 }), 'test-1');
    expect([result.verdict, result.attempts, result.upstream?.status]).toEqual(['up', 2, 'operational']);
  });

  it('a slow upstream times out', async () => {
    const result = await check('/slow', {}, { timeoutMs: 200 });
    expect([result.verdict, result.reason]).toEqual(['down', 'timeout: no response within 200 ms']);
  });

  it('a dead upstream is refused', async () => {
    const result = await check(`http://127.0.0.1:${await closedPort()}/api/v2/summary.json`);
    expect([result.verdict, result.reason]).toEqual(['down', 'connection refused']);
  });
});

describe('upstream in the pinger and on the page', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-upstream-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A site whose `api` depends on the upstream's major-outage component and which lists two providers. */
  function site(affects: boolean, dead: number): { content: string; data: string } {
    const content = fs.mkdtempSync(path.join(dir, 'content-'));
    fs.writeFileSync(
      path.join(content, 'site.yaml'),
      [
        'name: Test',
        'url: https://status.test.example',
        'components:',
        '  - id: api',
        '    name: API',
        '    checks:',
        `      - { type: statuspage, url: "${server.url}/none/api/v2/summary.json", components: [c-major_outage], affects: ${affects} }`,
        'providers:',
        `  - { id: cloud, name: Cloud, url: "${server.url}/minor/api/v2/summary.json", page: https://status.cloud.example }`,
        `  - { id: gone, name: Gone, url: "http://127.0.0.1:${dead}/api/v2/summary.json" }`,
        'monitoring: { retries: 0 }',
        '',
      ].join('\n'),
    );
    return { content, data: fs.mkdtempSync(path.join(dir, 'data-')) };
  }
  const quiet = { log: () => {}, error: (line: string) => expect.fail(line) };

  it('shows an upstream problem as the provider’s, not ours, unless the check says so', async () => {
    const dead = await closedPort();
    for (const affects of [false, true]) {
      const files = site(affects, dead);
      // Two rounds: the default failuresToOpen confirms the upstream's major outage and the dead provider.
      for (let round = 0; round < 2; round++) expect(await ping({ ...files, location: 'eu-1', ...quiet })).toBe(0);
      const data = readSiteData({ contentDir: files.content, dataDir: files.data });
      const stored = JSON.parse(fs.readFileSync(path.join(files.data, 'eu-1.json'), 'utf8')) as { outages: { checkId: string }[] };
      expect(stored.outages.map((o) => o.checkId).sort()).toEqual(['api', 'gone']);

      const [mapped, cloud, gone] = data.monitor!.upstream!;
      expect(mapped).toMatchObject({ checkId: 'api', componentId: 'api', affects, name: 'Upstream Cloud', status: 'major_outage', unreachable: false, stale: false });
      expect(cloud).toMatchObject({ checkId: 'cloud', componentId: null, name: 'Cloud', pageUrl: 'https://status.cloud.example', status: 'degraded_performance', unreachable: false });
      expect(cloud!.incidents.map((i) => i.name)).toEqual(['Elevated errors']);
      expect(gone).toMatchObject({ name: 'Gone', pageUrl: `http://127.0.0.1:${dead}`, status: null, unreachable: true, reason: 'connection refused' });

      const api = data.status.components.find((c) => c.component.id === 'api')!;
      const uptime = uptimePercent(componentTimeline('api', data.content, data.monitor, data.now), data.now.getTime() - 86_400_000, data.now.getTime());
      if (affects) {
        expect([api.status, api.stale, api.detectedAutomatically]).toEqual(['major_outage', false, true]);
        expect(uptime).toBeLessThan(100);
      } else {
        // Not ours: judged on incidents alone, like a component without checks; no stale warning either.
        expect([api.status, api.stale, data.status.indicator]).toEqual(['operational', false, 'none']);
        expect(uptime).toBe(100);
      }
      // Providers never enter our components or their status.
      expect(data.status.components.map((c) => c.component.id)).toEqual(['api']);
    }
  });
});
