import { describe, expect, it } from 'vitest';
import type { MonitorView } from '../status';
import { because, type Reason } from '../status/reason';
import { changesBetween } from './events';
import { at, incident, maintenance, site, view } from './test-support';

const ids = (events: { id: string }[]) => events.map((e) => e.id);

describe('changesBetween', () => {
  it('the first view sets the baseline and announces nothing', () => {
    expect(changesBetween(null, view('10:00', [incident('a', { api: 'major_outage' }, [['09:00', 'investigating']])]), new Date(at('10:00')))).toEqual([]);
  });

  it('an incident posted, updated, resolved and given a postmortem: one event each, with stable ids and kinds', () => {
    const steps: [string, 'investigating' | 'identified' | 'resolved' | 'postmortem'][] = [
      ['10:00', 'investigating'],
      ['10:30', 'identified'],
      ['11:00', 'resolved'],
      ['12:00', 'postmortem'],
    ];
    const seen: string[] = [];
    let before = view('09:00');
    for (let i = 0; i < steps.length; i++) {
      const after = view(steps[i]![0], [incident('db-down', { api: 'major_outage' }, steps.slice(0, i + 1), 'What went wrong.')]);
      const events = changesBetween(before, after, new Date(at(steps[i]![0]))).filter((e) => e.kind !== 'component.updated');
      expect(ids(events)).toEqual([`incident:db-down:update:${i + 1}`]);
      seen.push(events[0]!.kind);
      before = after;
    }
    expect(seen).toEqual(['incident.created', 'incident.updated', 'incident.resolved', 'incident.postmortem']);
  });

  it('publishing the same view twice announces nothing the second time', () => {
    const a = view('09:00');
    const b = view('10:00', [incident('x', { api: 'partial_outage' }, [['10:00', 'investigating']])]);
    expect(changesBetween(a, b, new Date(at('10:00'))).length).toBeGreaterThan(0);
    expect(changesBetween(b, b, new Date(at('10:00')))).toEqual([]);
  });

  it('the same two views give the same ids every time (so the outbox records them once)', () => {
    const a = view('09:00');
    const b = view('10:00', [incident('x', { api: 'partial_outage' }, [['10:00', 'investigating']])]);
    expect(ids(changesBetween(a, b, new Date(at('10:00'))))).toEqual(ids(changesBetween(a, b, new Date(at('10:00')))));
  });

  it('an update dated in the future is announced when its time comes, not before', () => {
    const i = incident('x', { api: 'partial_outage' }, [
      ['10:00', 'investigating'],
      ['11:00', 'resolved'],
    ]);
    const a = view('09:00');
    expect(ids(changesBetween(a, view('10:05', [i]), new Date(at('10:05')))).filter((id) => id.startsWith('incident'))).toEqual(['incident:x:update:1']);
    expect(ids(changesBetween(view('10:05', [i]), view('11:05', [i]), new Date(at('11:05')))).filter((id) => id.startsWith('incident'))).toEqual(['incident:x:update:2']);
  });

  it('an incident event carries the Statuspage-shaped incident with its updates newest first and the page link', () => {
    const i = incident('x', { api: 'partial_outage' }, [
      ['10:00', 'investigating'],
      ['10:20', 'monitoring', { api: 'operational' }],
    ]);
    const [, second] = changesBetween(view('09:00'), view('10:30', [i]), new Date(at('10:30'))).filter((e) => e.kind.startsWith('incident'));
    expect(second!.incident!.incident_updates.map((u) => u.status)).toEqual(['monitoring', 'investigating']);
    expect(second!.incident!.monitoring_at).toBe(at('10:20'));
    expect(second!.incident!.components).toEqual([{ id: 'api', name: 'API', status: 'operational' }]);
    expect(second!.url).toBe('https://status.acme.example/incidents/x#update-2');
    expect(second!.components).toEqual(['api']);
    expect(second!.page).toMatchObject({ id: 'status.acme.example', name: 'Acme Status', signupUrl: 'https://status.acme.example/subscribe' });
  });

  it('maintenance scheduled, started and completed as the clock passes; notes as updates', () => {
    const w = maintenance('upgrade', '12:00', '13:00', ['web'], [['12:10', undefined, 'Half done.']]);
    const steps = ['11:00', '12:05', '12:15', '13:05'];
    const got: string[][] = [];
    let before = view('10:00');
    for (const hhmm of steps) {
      const after = view(hhmm, [], [w]);
      got.push(ids(changesBetween(before, after, new Date(at(hhmm))).filter((e) => e.kind !== 'component.updated')));
      before = after;
    }
    expect(got).toEqual([['maintenance:upgrade:scheduled'], ['maintenance:upgrade:started'], ['maintenance:upgrade:update:1'], ['maintenance:upgrade:completed']]);
  });

  it('maintenance cancelled before it starts: scheduled then cancelled, never started', () => {
    const planned = maintenance('m', '12:00', '13:00', ['web']);
    const cancelled = maintenance('m', '12:00', '13:00', ['web'], [['11:30', 'cancelled', 'Not needed after all.']]);
    const first = changesBetween(view('10:00'), view('11:00', [], [planned]), new Date(at('11:00')));
    const second = changesBetween(view('11:00', [], [planned]), view('12:30', [], [cancelled]), new Date(at('12:30')));
    expect(ids(first)).toEqual(['maintenance:m:scheduled']);
    expect(ids(second)).toEqual(['maintenance:m:cancelled']);
    expect(second[0]!.message).toBe('Not needed after all.');
  });

  it('automatic outages: announced only when turned on, marked automatic, with stable ids', () => {
    const outage = { componentId: 'api', checkId: 'api-http', locations: ['eu-1'], startedAt: at('10:00'), endedAt: null, reason: 'HTTP 503 (expected 2xx)', why: null };
    const monitor = (endedAt: string | null): MonitorView => ({
      locations: [{ name: 'eu-1', lastResultAt: at('10:05'), stale: false }],
      components: { api: { status: endedAt ? 'operational' : 'major_outage', stale: false, lastCheckedAt: at('10:05'), intervalMs: 60_000, since: endedAt ? null : at('10:00'), reason: null, why: null } },
      daily: {},
      outages: [{ ...outage, endedAt }],
    });
    const before = view('09:59', [], [], null);
    const during = view('10:05', [], [], monitor(null));
    expect(changesBetween(before, during, new Date(at('10:05')))).toEqual([]);
    const on = changesBetween(before, during, new Date(at('10:05')), { automaticOutages: true });
    expect(on.map((e) => [e.kind, e.automatic])).toEqual([
      ['outage.confirmed', true],
      ['component.updated', true],
    ]);
    expect(on[0]!.id).toBe(`outage:api:api-http:${Date.parse(at('10:00'))}:confirmed`);
    const after = view('10:20', [], [], monitor(at('10:15')));
    expect(ids(changesBetween(during, after, new Date(at('10:20')), { automaticOutages: true })).filter((id) => id.startsWith('outage'))).toEqual([
      `outage:api:api-http:${Date.parse(at('10:00'))}:ended`,
    ]);
  });

  it('component changes made by staff become component.updated events (for webhooks)', () => {
    const after = view('10:00', [incident('x', { web: 'degraded_performance' }, [['10:00', 'investigating']])]);
    const change = changesBetween(view('09:00'), after, new Date(at('10:00'))).find((e) => e.kind === 'component.updated')!;
    expect(change.componentUpdate).toEqual({ componentId: 'web', oldStatus: 'operational', newStatus: 'degraded_performance' });
    expect(change.components).toEqual(['web']);
  });

  it('site settings: automaticOutages in site.yaml is the default', () => {
    const s = { ...site, notifications: { automaticOutages: true } };
    const monitor: MonitorView = {
      locations: [],
      components: {},
      daily: {},
      outages: [{ componentId: 'api', checkId: 'c', locations: ['x'], startedAt: at('10:00'), endedAt: null, reason: 'timeout', why: null }],
    };
    expect(changesBetween(view('09:00', [], [], null, s), view('10:05', [], [], monitor, s), new Date(at('10:05'))).some((e) => e.kind === 'outage.confirmed')).toBe(true);
  });

  it("an automatic outage's message gives the pinger's reason in the site's language, or as recorded before it had parts", () => {
    const s = { ...site, language: 'de' as const, notifications: { automaticOutages: true } };
    const message = (why: Reason | null) => {
      const outage = { componentId: 'api', checkId: 'c', locations: ['x'], startedAt: at('10:00'), endedAt: null, reason: 'HTTP 503 (expected 2xx)', why };
      const monitor: MonitorView = { locations: [], components: {}, daily: {}, outages: [outage] };
      return changesBetween(view('09:00', [], [], null, s), view('10:05', [], [], monitor, s), new Date(at('10:05'))).find((e) => e.kind === 'outage.confirmed')!.message;
    };
    expect(message([because.httpUnexpected(503, '2xx')])).toBe(
      'Automatisch erkannt: API antwortet nicht wie erwartet. Erste fehlgeschlagene Prüfung: HTTP 503 (erwartet: 2xx). Es wurde noch kein Vorfall veröffentlicht.',
    );
    expect(message(null)).toContain('Erste fehlgeschlagene Prüfung: HTTP 503 (expected 2xx).');
  });

  it('Outpost\'s own words in an event follow the site\'s language (ja); staff notes stay as written', () => {
    const s = { ...site, language: 'ja' as const };
    const w = maintenance('upgrade', '12:00', '13:00', ['web'], [['12:10', undefined, 'Half done.']]);
    const events = changesBetween(view('10:00', [], [], null, s), view('13:05', [incident('x', { web: 'degraded_performance' }, [['12:00', 'investigating']])], [w], null, s), new Date(at('13:05')));
    const message = (id: string) => events.find((e) => e.id === id)?.message;
    expect(message('maintenance:upgrade:scheduled')).toBe('2026年3月14日 12:00 UTCから2026年3月14日 13:00 UTCまでメンテナンスを予定しています。');
    expect(message('maintenance:upgrade:started')).toBe('メンテナンスを開始しました。');
    expect(message('maintenance:upgrade:update:1')).toBe('Half done.');
    expect(message('maintenance:upgrade:completed')).toBe('メンテナンスが完了しました。');
    expect(events.find((e) => e.kind === 'component.updated')?.message).toBe('Website：稼働中 → パフォーマンス低下');
    expect(events.every((e) => e.page.lang === 'ja')).toBe(true);
    expect(events[0]!.page.description).toBe('システムの部分的な障害'); // a major-impact incident: Partial System Outage
  });
});
