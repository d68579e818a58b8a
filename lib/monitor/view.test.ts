import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteSchema, type Content } from '../content';
import { because } from '../status/reason';
import { isStale } from '../status/stale';
import type { MonitorComponent } from '../status/types';
import { bucketMs } from './latency';
import type { CheckState, Outage, StoreData, Verdict } from './schema';
import { emptyStore, StoreError } from './store';
import { mergeLocations, quorumOutages, readMonitorView } from './view';

const now = new Date('2026-11-23T12:00:00Z');

function contentWith(monitoring: Record<string, unknown> = {}, shiftMs = 0): Content {
  const site = siteSchema.parse({
    name: 'Test',
    url: 'https://status.test.example',
    components: [
      { id: 'api', name: 'API', checks: [{ type: 'http', url: 'https://api.test.example/' }] },
      { id: 'email', name: 'Email' },
    ],
    monitoring,
  });
  return { site, incidents: [], maintenance: [], clockShiftMs: shiftMs };
}

/** A location's file where the api check has a confirmed status; "stale" means its last result is 10 minutes old. */
function location(name: string, vote: Verdict | 'stale', since = '2026-11-23T11:50:00.000Z'): StoreData {
  const store = emptyStore(name);
  const state: CheckState = {
    componentId: 'api',
    intervalSeconds: 60,
    status: vote === 'stale' ? 'down' : vote,
    since: vote === 'up' ? null : since,
    recent: [],
    reason: vote === 'up' ? 'HTTP 200' : `HTTP 503 from ${name}`,
    lastResultAt: vote === 'stale' ? '2026-11-23T11:50:00.000Z' : '2026-11-23T11:59:30.000Z',
  };
  store.checks.api = state;
  return store;
}

describe('quorum', () => {
  const cases: { name: string; votes: (Verdict | 'stale')[]; quorum?: number; status: string; stale: boolean }[] = [
    { name: 'two up', votes: ['up', 'up'], status: 'operational', stale: false },
    { name: 'two, one down', votes: ['down', 'up'], status: 'operational', stale: false },
    { name: 'two, both down', votes: ['down', 'down'], status: 'major_outage', stale: false },
    { name: 'two, one down and one degraded', votes: ['down', 'degraded'], status: 'degraded_performance', stale: false },
    { name: 'two, one down and the other stale', votes: ['down', 'stale'], status: 'major_outage', stale: false },
    { name: 'two, both stale', votes: ['stale', 'stale'], status: 'operational', stale: true },
    { name: 'three, one down', votes: ['down', 'up', 'up'], status: 'operational', stale: false },
    { name: 'three, two down', votes: ['down', 'down', 'up'], status: 'major_outage', stale: false },
    { name: 'three, down, degraded, up', votes: ['down', 'degraded', 'up'], status: 'degraded_performance', stale: false },
    { name: 'three, two down but one of them stale', votes: ['down', 'stale', 'up'], status: 'operational', stale: false },
    { name: 'three, quorum 3, all down', votes: ['down', 'down', 'down'], quorum: 3, status: 'major_outage', stale: false },
    { name: 'three, quorum 3, one stale', votes: ['down', 'down', 'stale'], quorum: 3, status: 'operational', stale: true },
    { name: 'three, quorum 1, one down', votes: ['down', 'up', 'up'], quorum: 1, status: 'major_outage', stale: false },
    { name: 'none', votes: [], status: 'operational', stale: true },
  ];
  it.each(cases)('$name → $status', ({ votes, quorum, status, stale }) => {
    const stores = votes.map((v, i) => location(`loc-${i + 1}`, v, `2026-11-23T11:5${i}:00.000Z`));
    const view = mergeLocations(stores, contentWith(quorum ? { quorum } : {}), now);
    expect(view.components.api).toMatchObject({ status, stale });
    expect(view.components.email).toBeUndefined();
  });

  it('dates a quorum outage from when the quorum was reached, with a reason from a location that agrees', () => {
    const view = mergeLocations([location('a', 'down', '2026-11-23T11:40:00.000Z'), location('b', 'down', '2026-11-23T11:45:00.000Z'), location('c', 'up')], contentWith(), now);
    expect(view.components.api).toEqual({ status: 'major_outage', stale: false, lastCheckedAt: '2026-11-23T11:59:30.000Z', intervalMs: 60_000, since: '2026-11-23T11:45:00.000Z', reason: 'HTTP 503 from a', why: null });
    expect(view.locations).toEqual([
      { name: 'a', lastResultAt: '2026-11-23T11:59:30.000Z', stale: false },
      { name: 'b', lastResultAt: '2026-11-23T11:59:30.000Z', stale: false },
      { name: 'c', lastResultAt: '2026-11-23T11:59:30.000Z', stale: false },
    ]);
  });
});

describe('reasons in parts', () => {
  // A state, outage and result recorded with `why` (format 3), or without it (format 2 and before).
  const http503 = [because.httpUnexpected(503, '2xx')];
  const recordedAt = (name: string, why: boolean): StoreData => {
    const store = location(name, 'down', '2026-11-23T11:40:00.000Z');
    const outage: Outage = { checkId: 'api', componentId: 'api', startedAt: '2026-11-23T11:40:00.000Z', confirmedAt: '2026-11-23T11:41:00.000Z', endedAt: null, reason: 'HTTP 503 (expected 2xx)' };
    store.checks.api = { ...store.checks.api!, reason: 'HTTP 503 (expected 2xx)', ...(why && { why: http503 }) };
    store.outages.push({ ...outage, ...(why && { why: http503 }) });
    return store;
  };

  it('carries the structured reason of the agreeing location to the status and the outage', () => {
    const view = mergeLocations([recordedAt('a', true), recordedAt('b', true)], contentWith(), now);
    expect(view.components.api).toMatchObject({ reason: 'HTTP 503 (expected 2xx)', why: http503 });
    expect(view.outages.map((o) => [o.reason, o.why])).toEqual([['HTTP 503 (expected 2xx)', http503]]);
  });

  it('has null for data recorded before reasons had parts, and keeps the English', () => {
    const view = mergeLocations([recordedAt('a', false), recordedAt('b', false)], contentWith(), now);
    expect(view.components.api).toMatchObject({ reason: 'HTTP 503 (expected 2xx)', why: null });
    expect(view.outages.map((o) => [o.reason, o.why])).toEqual([['HTTP 503 (expected 2xx)', null]]);
  });
});

describe('freshness: data turns stale when it is older than two intervals', () => {
  // `web` is checked every 30 s over HTTP (check `web`) and every 10 min over TLS (check `web-2`): 30 s is its interval.
  const content = (() => {
    const site = siteSchema.parse({
      name: 'Test',
      url: 'https://status.test.example',
      components: [
        { id: 'web', name: 'Web', checks: [{ type: 'http', url: 'https://www.test.example/', intervalSeconds: 30 }, { type: 'tls', host: 'www.test.example', intervalSeconds: 600 }] },
        { id: 'api', name: 'API', checks: [{ type: 'http', url: 'https://api.test.example/' }] },
      ],
    });
    return { site, incidents: [], maintenance: [], clockShiftMs: 0 };
  })();
  const state = (componentId: string, lastResultAt: string, status: Verdict = 'up'): CheckState => ({
    componentId,
    intervalSeconds: 60,
    status,
    since: status === 'up' ? null : '2026-11-23T11:00:00.000Z',
    recent: [],
    reason: status === 'up' ? 'HTTP 200' : 'certificate expired',
    lastResultAt,
  });
  /** A location's file: check id → [its newest result's time, its confirmed status]. */
  const at = (name: string, checks: Record<string, [string, Verdict?]>): StoreData => {
    const store = emptyStore(name);
    for (const [id, [time, status]] of Object.entries(checks)) store.checks[id] = state(id.startsWith('web') ? 'web' : 'api', `2026-11-23T${time}Z`, status);
    return store;
  };
  const t = (hms: string) => `2026-11-23T${hms}Z`;

  const cases: { name: string; stores: StoreData[]; component: 'web' | 'api'; expected: Partial<MonitorComponent>; locations?: [string, string | null, boolean][] }[] = [
    { name: 'a minute-check seen 1 s ago', stores: [at('a', { api: ['11:59:59.000'] })], component: 'api', expected: { stale: false, lastCheckedAt: t('11:59:59.000'), intervalMs: 60_000 } },
    { name: 'exactly two intervals old: still fresh', stores: [at('a', { api: ['11:58:00.000'] })], component: 'api', expected: { stale: false, lastCheckedAt: t('11:58:00.000') } },
    { name: 'a millisecond past two intervals: stale', stores: [at('a', { api: ['11:57:59.999'] })], component: 'api', expected: { status: 'operational', stale: true, lastCheckedAt: t('11:57:59.999') } },
    { name: '2.5 intervals old: stale', stores: [at('a', { api: ['11:57:30.000', 'down'] })], component: 'api', expected: { status: 'operational', stale: true, since: null }, locations: [['a', t('11:57:30.000'), true]] },
    { name: 'no data for it at all', stores: [at('a', { web: ['11:59:59.000'] })], component: 'api', expected: { stale: true, lastCheckedAt: null, intervalMs: 60_000 } },
    {
      name: 'two checks: the frequent one fresh, the slow one down and fresh by its own interval',
      stores: [at('a', { web: ['11:59:30.000'], 'web-2': ['11:55:00.000', 'down'] })],
      component: 'web',
      expected: { status: 'major_outage', stale: false, lastCheckedAt: t('11:59:30.000'), intervalMs: 30_000, reason: 'certificate expired' },
    },
    {
      name: 'two checks, the pinger stopped 61 s ago: stale after two of the frequent check\'s intervals',
      stores: [at('a', { web: ['11:58:59.000'], 'web-2': ['11:58:59.000', 'down'] })],
      component: 'web',
      expected: { status: 'operational', stale: true, lastCheckedAt: t('11:58:59.000'), intervalMs: 30_000 },
    },
    {
      name: 'newest result per component and per location, across locations',
      stores: [at('a', { api: ['11:55:00.000'], web: ['11:55:10.000'] }), at('b', { api: ['11:59:40.500'], web: ['11:59:41.000'] }), at('c', { api: ['11:59:10.000', 'down'] })],
      component: 'api',
      expected: { status: 'operational', stale: false, lastCheckedAt: t('11:59:40.500'), intervalMs: 60_000 },
      locations: [
        ['a', t('11:55:10.000'), true],
        ['b', t('11:59:41.000'), false],
        ['c', t('11:59:10.000'), false],
      ],
    },
  ];
  it.each(cases)('$name', ({ stores, component, expected, locations }) => {
    const view = mergeLocations(stores, content, now);
    const merged = view.components[component]!;
    expect(merged).toMatchObject(expected);
    // The same line a reader draws later from the two fields alone.
    expect(merged.stale).toBe(isStale(merged.lastCheckedAt, merged.intervalMs, now));
    if (locations) expect(view.locations.map((l) => [l.name, l.lastResultAt, l.stale])).toEqual(locations);
  });
});

describe('outages across locations', () => {
  const outage = (start: string, end: string | null): Outage => ({
    checkId: 'api',
    componentId: 'api',
    startedAt: `2026-11-23T${start}:00.000Z`,
    confirmedAt: `2026-11-23T${start}:00.000Z`,
    endedAt: end && `2026-11-23T${end}:00.000Z`,
    reason: 'HTTP 503',
  });
  const checked = (store: StoreData) => {
    store.daily.api = { '2026-11-23': { checks: 100, failures: 0, degraded: 0, minutesDown: 0, latencyP50Ms: null, latencyP95Ms: null, latency: [] } };
    return store;
  };
  const withOutages = (name: string, outages: Outage[]) => Object.assign(checked(emptyStore(name)), { outages });

  const cases = [
    { name: 'one location', stores: [[outage('10:00', '10:30')]], spans: [['10:00', '10:30', 'a']] },
    { name: 'two overlapping', stores: [[outage('10:00', '10:30')], [outage('10:10', '10:40')]], spans: [['10:10', '10:30', 'a,b']] },
    { name: 'two apart', stores: [[outage('10:00', '10:30')], [outage('11:00', '11:10')]], spans: [] },
    { name: 'three, two overlap', stores: [[outage('10:00', '10:30')], [outage('10:20', '10:50')], []], spans: [['10:20', '10:30', 'a,b']] },
    { name: 'three, staggered into one', stores: [[outage('10:00', '10:30')], [outage('10:20', '10:50')], [outage('10:25', '11:00')]], spans: [['10:20', '10:50', 'a,b,c']] },
    { name: 'two, still open', stores: [[outage('11:00', null)], [outage('11:05', null)]], spans: [['11:05', null, 'a,b']] },
  ];
  it.each(cases)('$name', ({ stores, spans }) => {
    const data = stores.map((o, i) => withOutages(String.fromCharCode(97 + i), o));
    const merged = quorumOutages('api', data, ['api'], 'majority', now.getTime());
    expect(merged.map((o) => [o.startedAt.slice(11, 16), o.endedAt?.slice(11, 16) ?? null, o.locations.join(',')])).toEqual(spans);
  });
});

describe('outages across locations, to the millisecond', () => {
  // Each location's outage is dated by the pinger (first failing check's start → first successful check's
  // start); the merged one starts when a quorum is reached and ends when it is lost, at a location's own dates.
  const t = (hms: string) => `2026-11-23T${hms}Z`;
  const outage = (start: string, end: string | null): Outage => ({ checkId: 'api', componentId: 'api', startedAt: t(start), confirmedAt: t(start), endedAt: end && t(end), reason: 'HTTP 503' });
  const store = (name: string, outages: Outage[]): StoreData => {
    const data = emptyStore(name);
    data.daily.api = { '2026-11-23': { checks: 100, failures: 0, degraded: 0, minutesDown: 0, latencyP50Ms: null, latencyP95Ms: null, latency: [] } };
    return Object.assign(data, { outages });
  };
  const cases: { name: string; quorum: 'majority' | number; stores: Outage[][]; merged: [string, string | null, string][] }[] = [
    { name: 'two of two: the overlap', quorum: 'majority', stores: [[outage('10:00:00.000', '10:05:30.250')], [outage('10:00:40.100', '10:04:10.900')]], merged: [[t('10:00:40.100'), t('10:04:10.900'), 'a,b']] },
    {
      name: 'two of three, the third checking and fine',
      quorum: 'majority',
      stores: [[outage('10:00:00.000', '10:05:30.250')], [outage('10:00:40.100', '10:04:10.900')], []],
      merged: [[t('10:00:40.100'), t('10:04:10.900'), 'a,b']],
    },
    {
      name: 'two of three, staggered: ends when the second-last location recovers',
      quorum: 'majority',
      stores: [[outage('10:00:00.000', '10:03:00.500')], [outage('10:01:00.250', '10:06:00.750')], [outage('10:02:30.125', '10:08:15.999')]],
      merged: [[t('10:01:00.250'), t('10:06:00.750'), 'a,b,c']],
    },
    { name: 'quorum 1: the union', quorum: 1, stores: [[outage('10:00:00.000', '10:02:00.500')], [outage('10:01:30.000', '10:03:45.678')]], merged: [[t('10:00:00.000'), t('10:03:45.678'), 'a,b']] },
    { name: 'one still open, the other recovered: ended', quorum: 'majority', stores: [[outage('10:00:00.000', null)], [outage('10:00:30.300', '10:09:59.999')]], merged: [[t('10:00:30.300'), t('10:09:59.999'), 'a,b']] },
    { name: 'both still open', quorum: 'majority', stores: [[outage('11:00:00.001', null)], [outage('11:00:05.002', null)]], merged: [[t('11:00:05.002'), null, 'a,b']] },
    {
      name: 'one location recovers and fails again: two outages',
      quorum: 'majority',
      stores: [[outage('10:00:00.000', '10:02:00.000'), outage('10:02:30.000', '10:05:00.000')], [outage('10:00:10.000', '10:06:00.000')]],
      merged: [
        [t('10:00:10.000'), t('10:02:00.000'), 'a,b'],
        [t('10:02:30.000'), t('10:05:00.000'), 'a,b'],
      ],
    },
  ];
  it.each(cases)('$name', ({ quorum, stores, merged }) => {
    const data = stores.map((o, i) => store(String.fromCharCode(97 + i), o));
    expect(quorumOutages('api', data, ['api'], quorum, now.getTime()).map((o) => [o.startedAt, o.endedAt, o.locations.join(',')])).toEqual(merged);
  });
});

describe('readMonitorView', () => {
  it('reads every location file, and moves the example data with the content clock', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-view-'));
    const shift = 3 * 86_400_000 + 3_600_000;
    const store = location('eu-1', 'down');
    store.daily.api = { '2026-11-20': { checks: 10, failures: 2, degraded: 0, minutesDown: 0, latencyP50Ms: 100, latencyP95Ms: 200, latency: [48, 10] } };
    fs.writeFileSync(path.join(dir, 'eu-1.json'), JSON.stringify(store));
    fs.mkdirSync(path.join(dir, 'eu-1.json.lock')); // a pinger is writing: not a data file
    const view = readMonitorView(dir, contentWith({}, shift), new Date(now.getTime() + shift))!;
    expect(view.components.api).toMatchObject({ status: 'major_outage', stale: false, since: '2026-11-26T12:50:00.000Z' });
    expect(view.daily.api).toEqual([{ date: '2026-11-23', checks: 10, failures: 2, degraded: 0, latencyP50Ms: bucketMs(48), latencyP95Ms: bucketMs(48) }]);
    fs.rmSync(dir, { recursive: true });
  });

  it('is null without data, and names a bad file', () => {
    expect(readMonitorView('/nonexistent/outpost-data', contentWith(), now)).toBeNull();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-view-'));
    fs.writeFileSync(path.join(dir, 'eu-1.json'), '[1,2');
    expect(() => readMonitorView(dir, contentWith(), now)).toThrow(StoreError);
    expect(() => readMonitorView(dir, contentWith(), now)).toThrow(`${path.join(dir, 'eu-1.json')}: not valid JSON`);
    fs.rmSync(dir, { recursive: true });
  });
});
