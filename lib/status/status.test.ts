import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  incidentFrom,
  incidentSchema,
  loadContent,
  maintenanceFrom,
  maintenanceSchema,
  siteSchema,
  type ComponentStatus,
  type Content,
  type Incident,
  type Maintenance,
} from '../content';
import {
  computeStatus,
  incidentComponentStatuses,
  incidentDurationMs,
  latestUpdate,
  maintenanceState,
  publishedUpdates,
  staleDescription,
  worstComponentStatuses,
  type Indicator,
} from '.';
import type { MonitorComponent, MonitorView } from './types';

const site = siteSchema.parse({
  name: 'Test',
  url: 'https://status.test.example',
  groups: [{ id: 'core', name: 'Core' }],
  components: [
    { id: 'api', name: 'API', group: 'core', checks: [{ type: 'http', url: 'https://api.test.example/' }] },
    { id: 'db', name: 'Database', group: 'core' },
    { id: 'web', name: 'Website' },
  ],
});

const t = (hhmm: string) => new Date(`2026-03-14T${hhmm}:00Z`);
const at = (hhmm: string) => t(hhmm).toISOString();

type IncidentInput = { impact?: Incident['impact']; components?: Record<string, ComponentStatus>; updates: [string, Incident['updates'][number]['status'], Record<string, ComponentStatus>?][] };
function incident(id: string, { impact = 'major', components = {}, updates }: IncidentInput): Incident {
  const data = incidentSchema.parse({
    title: id,
    impact,
    components,
    updates: updates.map(([hhmm, status, changes]) => ({ at: at(hhmm), status, message: status, components: changes })),
  });
  return incidentFrom(data, { id, file: `${id}.md`, body: '' });
}

function maintenance(id: string, start: string, end: string, components: string[], ended?: [string, 'completed' | 'cancelled']): Maintenance {
  const updates = ended ? [{ at: at(ended[0]), status: ended[1], message: ended[1] }] : [];
  return maintenanceFrom(maintenanceSchema.parse({ title: id, components, start: at(start), end: at(end), updates }), { id, file: `${id}.md`, body: '' });
}

const content = (incidents: Incident[] = [], windows: Maintenance[] = []): Content => ({ site, incidents, maintenance: windows, clockShiftMs: 0 });

const verdict = (status: ComponentStatus, stale = false): MonitorComponent => ({ status, stale, lastCheckedAt: at('11:59'), intervalMs: 60_000, since: null, reason: null, why: null });
const monitorOf = (api: MonitorComponent): MonitorView => ({ locations: [], components: { api }, daily: {}, outages: [] });
const freshUp = monitorOf(verdict('operational'));

const noon = t('12:00');
const apiDown = incident('api-down', { components: { api: 'partial_outage' }, updates: [['11:00', 'investigating']] });

describe('computeStatus: components, indicator and description at `now`', () => {
  type Case = {
    name: string;
    content: Content;
    monitor?: MonitorView | null;
    now?: Date;
    statuses: [api: ComponentStatus, db: ComponentStatus, web: ComponentStatus];
    indicator: Indicator;
    description: string;
    detected?: boolean;
    stale?: boolean;
  };
  const cases: Case[] = [
    { name: 'nothing reported, fresh monitor', content: content(), monitor: freshUp, statuses: ['operational', 'operational', 'operational'], indicator: 'none', description: 'All Systems Operational' },
    { name: 'an open incident sets its components', content: content([apiDown]), monitor: freshUp, statuses: ['partial_outage', 'operational', 'operational'], indicator: 'major', description: 'Partial System Outage' },
    {
      name: 'two open incidents: the worst wins',
      content: content([apiDown, incident('api-slow', { impact: 'minor', components: { api: 'major_outage', db: 'degraded_performance' }, updates: [['11:30', 'identified']] })]),
      monitor: freshUp,
      statuses: ['major_outage', 'degraded_performance', 'operational'],
      indicator: 'critical',
      description: 'Major System Outage',
    },
    {
      name: 'an update moves a component back to operational; the impact still counts',
      content: content([incident('db-slow', { impact: 'minor', components: { db: 'degraded_performance' }, updates: [['10:00', 'investigating'], ['11:00', 'monitoring', { db: 'operational' }]] })]),
      monitor: freshUp,
      statuses: ['operational', 'operational', 'operational'],
      indicator: 'minor',
      description: 'Minor Service Outage',
    },
    {
      name: 'an update not yet published at `now` does not count',
      content: content([incident('db-slow', { impact: 'minor', components: { db: 'degraded_performance' }, updates: [['10:00', 'investigating'], ['13:00', 'monitoring', { db: 'operational' }]] })]),
      monitor: freshUp,
      statuses: ['operational', 'degraded_performance', 'operational'],
      indicator: 'minor',
      description: 'Minor Service Outage',
    },
    {
      name: 'a resolved incident no longer counts',
      content: content([incident('api-was-down', { impact: 'critical', components: { api: 'major_outage' }, updates: [['10:00', 'investigating'], ['11:00', 'resolved']] })]),
      monitor: freshUp,
      statuses: ['operational', 'operational', 'operational'],
      indicator: 'none',
      description: 'All Systems Operational',
    },
    {
      name: 'a resolving update after `now` leaves the incident open',
      content: content([incident('api-down', { impact: 'critical', components: { api: 'major_outage' }, updates: [['10:00', 'investigating'], ['13:00', 'resolved']] })]),
      monitor: freshUp,
      statuses: ['major_outage', 'operational', 'operational'],
      indicator: 'critical',
      description: 'Major System Outage',
    },
    { name: 'an incident that begins after `now` does not count yet', content: content([apiDown]), monitor: freshUp, now: t('10:00'), statuses: ['operational', 'operational', 'operational'], indicator: 'none', description: 'All Systems Operational' },
    {
      name: 'an incident with impact none and no component changes nothing',
      content: content([incident('notice', { impact: 'none', updates: [['11:00', 'investigating']] })]),
      monitor: freshUp,
      statuses: ['operational', 'operational', 'operational'],
      indicator: 'none',
      description: 'All Systems Operational',
    },
    { name: 'maintenance in progress', content: content([], [maintenance('db-upgrade', '11:00', '13:00', ['db'])]), monitor: freshUp, statuses: ['operational', 'under_maintenance', 'operational'], indicator: 'maintenance', description: 'Service Under Maintenance' },
    {
      name: 'an incident outranks maintenance on the page',
      content: content([apiDown], [maintenance('db-upgrade', '11:00', '13:00', ['db'])]),
      monitor: freshUp,
      statuses: ['partial_outage', 'under_maintenance', 'operational'],
      indicator: 'major',
      description: 'Partial System Outage',
    },
    {
      name: 'an incident during maintenance of the same component is worse than maintenance',
      content: content([incident('db-down', { components: { db: 'major_outage' }, updates: [['11:30', 'investigating']] })], [maintenance('db-upgrade', '11:00', '13:00', ['db'])]),
      monitor: freshUp,
      statuses: ['operational', 'major_outage', 'operational'],
      indicator: 'critical',
      description: 'Major System Outage',
    },
    { name: 'maintenance not started yet', content: content([], [maintenance('db-upgrade', '13:00', '14:00', ['db'])]), monitor: freshUp, statuses: ['operational', 'operational', 'operational'], indicator: 'none', description: 'All Systems Operational' },
    { name: 'maintenance completed early', content: content([], [maintenance('db-upgrade', '11:00', '13:00', ['db'], ['11:30', 'completed'])]), monitor: freshUp, statuses: ['operational', 'operational', 'operational'], indicator: 'none', description: 'All Systems Operational' },
    { name: 'a confirmed monitor failure with no incident is detected automatically', content: content(), monitor: monitorOf(verdict('major_outage')), statuses: ['major_outage', 'operational', 'operational'], indicator: 'critical', description: 'Major System Outage', detected: true },
    { name: 'a monitor degradation with no incident', content: content(), monitor: monitorOf(verdict('degraded_performance')), statuses: ['degraded_performance', 'operational', 'operational'], indicator: 'minor', description: 'Minor Service Outage', detected: true },
    { name: 'a monitor failure an incident already covers is not "detected automatically"', content: content([apiDown]), monitor: monitorOf(verdict('major_outage')), statuses: ['major_outage', 'operational', 'operational'], indicator: 'critical', description: 'Major System Outage', detected: false },
    {
      name: 'a monitor failure during maintenance is expected and ignored',
      content: content([], [maintenance('api-move', '11:00', '13:00', ['api'])]),
      monitor: monitorOf(verdict('major_outage')),
      statuses: ['under_maintenance', 'operational', 'operational'],
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
      detected: false,
    },
    { name: 'stale monitoring data never says "All Systems Operational"', content: content(), monitor: monitorOf(verdict('operational', true)), statuses: ['operational', 'operational', 'operational'], indicator: 'none', description: staleDescription, stale: true },
    { name: 'a stale failure is not confirmed', content: content(), monitor: monitorOf(verdict('major_outage', true)), statuses: ['operational', 'operational', 'operational'], indicator: 'none', description: staleDescription, stale: true, detected: false },
    { name: 'no monitoring data at all for a checked component is stale', content: content(), monitor: null, statuses: ['operational', 'operational', 'operational'], indicator: 'none', description: staleDescription, stale: true },
    { name: 'stale data beside an open incident: the incident speaks', content: content([apiDown]), monitor: null, statuses: ['partial_outage', 'operational', 'operational'], indicator: 'major', description: 'Partial System Outage', stale: true },
  ];

  it.each(cases)('$name', (c) => {
    const status = computeStatus(c.content, c.monitor ?? null, c.now ?? noon);
    expect(status.components.map((s) => s.status)).toEqual(c.statuses);
    expect(status.indicator).toBe(c.indicator);
    expect(status.description).toBe(c.description);
    expect(status.stale).toBe(c.stale ?? false);
    expect(status.components[0]!.stale).toBe(c.stale ?? false);
    expect(status.components[0]!.detectedAutomatically).toBe(c.detected ?? false);
    // Components without checks are never stale and never detected automatically.
    expect(status.components.slice(1).map((s) => [s.stale, s.detectedAutomatically])).toEqual([[false, false], [false, false]]);
  });

  it('lists open incidents, maintenance in progress and upcoming, and which ones touch each component', () => {
    const resolved = incident('old', { components: { web: 'major_outage' }, updates: [['09:00', 'investigating'], ['09:30', 'resolved']] });
    const windows = [maintenance('done', '08:00', '09:00', ['web']), maintenance('now', '11:00', '13:00', ['db', 'web']), maintenance('later', '15:00', '16:00', ['db'])];
    const status = computeStatus(content([apiDown, resolved], windows), freshUp, noon);
    expect(status.at).toBe(noon.toISOString());
    expect(status.openIncidents.map((i) => i.id)).toEqual(['api-down']);
    expect(status.activeMaintenance.map((m) => m.id)).toEqual(['now']);
    expect(status.upcomingMaintenance.map((m) => m.id)).toEqual(['later']);
    expect(status.components.map((s) => [s.component.id, s.incidentIds, s.maintenanceIds])).toEqual([
      ['api', ['api-down'], []],
      ['db', [], ['now']],
      ['web', [], ['now']],
    ]);
  });

  it('sections: grouped components under their group, ungrouped ones on their own, in site order', () => {
    const status = computeStatus(content(), freshUp, noon);
    expect(status.sections.map((s) => [s.group?.id ?? null, s.components.map((c) => c.component.id)])).toEqual([
      ['core', ['api', 'db']],
      [null, ['web']],
    ]);
  });
});

describe('maintenanceState over time', () => {
  const planned = maintenance('m', '11:00', '13:00', ['db']);
  const cancelled = maintenance('m', '11:00', '13:00', ['db'], ['10:00', 'cancelled']);
  const doneEarly = maintenance('m', '11:00', '13:00', ['db'], ['12:00', 'completed']);
  it.each([
    ['before the window', planned, '10:59', 'scheduled'],
    ['at its start', planned, '11:00', 'in_progress'],
    ['inside it', planned, '12:59', 'in_progress'],
    ['at its end', planned, '13:00', 'completed'],
    ['cancelled, before the cancellation is published', cancelled, '09:00', 'scheduled'],
    ['cancelled', cancelled, '10:00', 'cancelled'],
    ['cancelled, during what was its window', cancelled, '12:00', 'cancelled'],
    ['completed early, before that update', doneEarly, '11:30', 'in_progress'],
    ['completed early', doneEarly, '12:00', 'completed'],
  ] as const)('%s', (_name, window, hhmm, state) => {
    expect(maintenanceState(window, t(hhmm))).toBe(state);
  });
});

describe('incident timeline helpers', () => {
  const timeline = incident('x', {
    components: { api: 'major_outage', db: 'degraded_performance' },
    updates: [['10:00', 'investigating'], ['10:30', 'identified', { api: 'partial_outage' }], ['11:00', 'resolved', { api: 'operational', db: 'operational' }]],
  });
  it.each([
    ['09:00', 1, 'investigating', { api: 'major_outage', db: 'degraded_performance' }, 0],
    ['10:15', 1, 'investigating', { api: 'major_outage', db: 'degraded_performance' }, 15],
    ['10:45', 2, 'identified', { api: 'partial_outage', db: 'degraded_performance' }, 45],
    ['12:00', 3, 'resolved', { api: 'operational', db: 'operational' }, 60],
  ] as const)('at %s: published updates, latest, component statuses and duration', (hhmm, published, status, statuses, minutes) => {
    expect(publishedUpdates(timeline, t(hhmm))).toHaveLength(published);
    expect(latestUpdate(timeline, t(hhmm)).status).toBe(status);
    expect(incidentComponentStatuses(timeline, t(hhmm))).toEqual(statuses);
    expect(incidentDurationMs(timeline, t(hhmm))).toBe(minutes * 60_000);
    // Whatever the latest update says, the worst each component reached stays.
    expect(worstComponentStatuses(timeline, t(hhmm))).toEqual({ api: 'major_outage', db: 'degraded_performance' });
  });

  it('the worst status counts a later update that made things worse', () => {
    const worse = incident('y', { components: { api: 'degraded_performance' }, updates: [['10:00', 'investigating'], ['10:30', 'identified', { api: 'major_outage', db: 'partial_outage' }]] });
    expect(worstComponentStatuses(worse, t('10:15'))).toEqual({ api: 'degraded_performance' });
    expect(worstComponentStatuses(worse, t('11:00'))).toEqual({ api: 'major_outage', db: 'partial_outage' });
  });
});

describe('the shipped example, moved by exampleAnchor', () => {
  const dir = path.join(__dirname, '..', '..', 'content');
  const anchor = new Date(loadContent(dir).site.exampleAnchor!);
  const pictureAt = (now: Date) => {
    const status = computeStatus(loadContent(dir, { now }), null, now);
    return {
      indicator: status.indicator,
      components: Object.fromEntries(status.components.map((c) => [c.component.id, c.status])),
      open: status.openIncidents.map((i) => i.id),
      active: status.activeMaintenance.map((m) => m.id),
      upcoming: status.upcomingMaintenance.map((m) => m.id),
    };
  };

  it('shows every state at its anchor', () => {
    const picture = pictureAt(anchor);
    expect(new Set(Object.values(picture.components))).toEqual(new Set(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']));
    expect(picture.open.length).toBeGreaterThan(0);
    expect(picture.active.length).toBeGreaterThan(0);
    expect(picture.upcoming.length).toBeGreaterThan(0);
  });

  it.each([1, 30, 400])('shows the same picture %i days later', (days) => {
    expect(pictureAt(new Date(anchor.getTime() + days * 86_400_000))).toEqual(pictureAt(anchor));
  });

  it('would age without the shift: read a month later unshifted, the windows have passed', () => {
    const later = new Date(anchor.getTime() + 30 * 86_400_000);
    const unshifted = computeStatus(loadContent(dir, { now: anchor }), null, later);
    expect([unshifted.activeMaintenance, unshifted.upcomingMaintenance]).toEqual([[], []]);
  });
});
