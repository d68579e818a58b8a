import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { addIncidentUpdate, copyFixture, fixtureData, fixtureDataIn, fixtureSecrets } from './fixtures/fixture';
import type { Snapshot } from './snapshot';
import { liveFile, type LiveFile } from './live';
import {
  spComponentsFile,
  spIncidentsFile,
  spScheduledMaintenancesFile,
  spStatusFile,
  spSummaryFile,
  type SpComponent,
} from './statuspage-schema';

const schemas = {
  'api/v2/summary.json': spSummaryFile,
  'api/v2/status.json': spStatusFile,
  'api/v2/components.json': spComponentsFile,
  'api/v2/incidents.json': spIncidentsFile,
  'api/v2/incidents/unresolved.json': spIncidentsFile,
  'api/v2/scheduled-maintenances.json': spScheduledMaintenancesFile,
  'api/v2/scheduled-maintenances/upcoming.json': spScheduledMaintenancesFile,
  'api/v2/scheduled-maintenances/active.json': spScheduledMaintenancesFile,
} satisfies Partial<Record<LiveFile, z.ZodType>>;

/** The file as served, parsed strictly against Statuspage's shape. */
function read<F extends keyof typeof schemas>(file: F, data = fixtureData()): z.infer<(typeof schemas)[F]> {
  return schemas[file].parse(JSON.parse(liveFile(data, file))) as z.infer<(typeof schemas)[F]>;
}

describe('Statuspage v2 files', () => {
  it.each(Object.keys(schemas) as (keyof typeof schemas)[])('%s has Statuspage’s shape', (file) => {
    const doc = read(file);
    expect(doc.page).toEqual({ id: 'status.fixture.example', name: 'Fixture Status', url: 'https://status.fixture.example', time_zone: 'Etc/UTC', updated_at: '2026-06-10T12:00:00.000Z' });
    const text = liveFile(fixtureData(), file);
    for (const secret of fixtureSecrets) expect(text).not.toContain(secret);
  });

  it('lists groups as components with their members, and members with their group id', () => {
    const { components } = read('api/v2/components.json');
    const byId = new Map(components.map((c) => [c.id, c]));
    expect(components.map((c) => [c.id, c.group, c.group_id, c.position])).toEqual([
      ['core', true, null, 1],
      ['api', false, 'core', 2],
      ['db', false, 'core', 3],
      ['web', false, null, 4],
      // A group named like a component gets a prefix: Statuspage ids share one space.
      ['group-api', true, null, 5],
      ['queue', false, 'group-api', 6],
    ]);
    expect(byId.get('core')?.components).toEqual(['api', 'db']);
    for (const c of components.filter((c) => !c.group && c.group_id)) expect(byId.get(c.group_id!)?.components).toContain(c.id);
    expect(components.filter((c) => !c.group).every((c) => c.components === undefined)).toBe(true);
  });

  it('agrees with the status the pages show', () => {
    const data = fixtureData();
    const summary = read('api/v2/summary.json', data);
    expect(summary.status).toEqual({ indicator: data.status.indicator, description: data.status.description });
    const status = (id: string) => summary.components.find((c: SpComponent) => c.id === id)?.status;
    for (const state of data.status.components) expect(status(state.component.id)).toBe(state.status);
    expect(status('api')).toBe('major_outage');
    expect(status('db')).toBe('degraded_performance'); // worse than its maintenance
    expect(status('core')).toBe('major_outage'); // a group is as bad as its worst member
    expect(summary.incidents.map((i) => i.id)).toEqual(['2026-06-10-api-errors']);
    expect(summary.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([
      ['2026-06-10-db-upgrade', 'in_progress'],
      ['2026-06-20-network', 'scheduled'],
    ]);
    expect(read('api/v2/status.json', data).status).toEqual(summary.status);
  });

  it('shows an open incident with its published updates, newest first, and what each changed', () => {
    const [incident] = read('api/v2/incidents/unresolved.json').incidents;
    expect(incident).toMatchObject({
      id: '2026-06-10-api-errors',
      name: 'API errors',
      status: 'identified',
      impact: 'major',
      created_at: '2026-06-10T10:00:00.000Z',
      updated_at: '2026-06-10T10:30:00.000Z',
      started_at: '2026-06-10T10:00:00.000Z',
      monitoring_at: null,
      resolved_at: null,
      shortlink: 'https://status.fixture.example/incidents/2026-06-10-api-errors',
    });
    expect(incident!.incident_updates.map((u) => [u.id, u.status, u.affected_components])).toEqual([
      [
        '2026-06-10-api-errors-update-2',
        'identified',
        [
          { code: 'api', name: 'API', old_status: 'partial_outage', new_status: 'major_outage' },
          { code: 'db', name: 'Database', old_status: 'operational', new_status: 'degraded_performance' },
        ],
      ],
      ['2026-06-10-api-errors-update-1', 'investigating', [{ code: 'api', name: 'API', old_status: 'operational', new_status: 'partial_outage' }]],
    ]);
    expect(incident!.components.map((c) => c.id)).toEqual(['api', 'db']);
  });

  it('lists resolved incidents with their resolution and monitoring times', () => {
    const { incidents } = read('api/v2/incidents.json');
    expect(incidents.map((i) => [i.id, i.status])).toEqual([
      ['2026-06-10-api-errors', 'identified'],
      ['2026-06-05-login-errors', 'resolved'],
      ['2026-06-01-db-outage', 'resolved'],
    ]);
    expect(incidents[2]).toMatchObject({ resolved_at: '2026-06-01T09:00:00.000Z', monitoring_at: '2026-06-01T08:40:00.000Z', impact: 'critical' });
  });

  it('shows maintenance windows with their schedule, state and announcement', () => {
    const all = read('api/v2/scheduled-maintenances.json').scheduled_maintenances;
    expect(all.map((m) => [m.id, m.status, m.resolved_at])).toEqual([
      ['2026-06-20-network', 'scheduled', null],
      ['2026-06-10-db-upgrade', 'in_progress', null],
      ['2026-06-08-done', 'completed', '2026-06-08T02:00:00.000Z'],
      // Statuspage has no "cancelled": it reads as completed, when it was called off.
      ['2026-06-03-cancelled-window', 'completed', '2026-06-02T10:00:00.000Z'],
    ]);
    const upgrade = all[1]!;
    expect(upgrade).toMatchObject({ scheduled_for: '2026-06-10T11:00:00.000Z', scheduled_until: '2026-06-10T14:00:00.000Z', impact: 'maintenance' });
    expect(upgrade.incident_updates.map((u) => [u.id, u.status, u.body])).toEqual([
      ['2026-06-10-db-upgrade-update-1', 'in_progress', 'Started.'],
      ['2026-06-10-db-upgrade-announcement', 'scheduled', 'We upgrade the database.'],
    ]);
    expect(upgrade.components.map((c) => c.id)).toEqual(['db']);
    // An upcoming window's announcement time is unknown: never later than now.
    expect(all[0]!.created_at).toBe('2026-06-10T12:00:00.000Z');
    expect(read('api/v2/scheduled-maintenances/upcoming.json').scheduled_maintenances.map((m) => m.id)).toEqual(['2026-06-20-network']);
    expect(read('api/v2/scheduled-maintenances/active.json').scheduled_maintenances.map((m) => m.id)).toEqual(['2026-06-10-db-upgrade']);
  });

  it('keeps every id the same across builds', () => {
    const ids = (data = fixtureData()) => {
      const summary = read('api/v2/summary.json', data);
      const incidents = read('api/v2/incidents.json', data).incidents;
      return [...summary.components.map((c) => c.id), ...incidents.flatMap((i) => [i.id, ...i.incident_updates.map((u) => u.id)])];
    };
    expect(ids(fixtureData(new Date('2026-06-10T12:07:00Z')))).toEqual(ids());
  });

  it('moves a window from upcoming to active to finished as time passes', () => {
    const at = (iso: string) => fixtureData(new Date(iso));
    const network = (iso: string) => read('api/v2/scheduled-maintenances.json', at(iso)).scheduled_maintenances.find((m) => m.id === '2026-06-20-network')!.status;
    expect(network('2026-06-20T01:59:00Z')).toBe('scheduled');
    expect(network('2026-06-20T02:00:00Z')).toBe('in_progress');
    expect(network('2026-06-20T04:00:00Z')).toBe('completed');
    expect(read('api/v2/scheduled-maintenances/active.json', at('2026-06-20T03:00:00Z')).scheduled_maintenances.map((m) => m.id)).toEqual(['2026-06-20-network']);
  });
});

describe('descriptions in the language site.yaml chooses', () => {
  it('English by default, in Statuspage\'s words', () => {
    expect(read('api/v2/status.json').status).toEqual({ indicator: 'critical', description: 'Major System Outage' });
  });

  it.each([
    ['de', 'Schwerer Systemausfall', 'Schwerer Ausfall', 'Ursache erkannt'],
    ['ar', 'انقطاع كبير في النظام', 'انقطاع كبير', 'تم تحديد السبب'],
  ] as const)('%s: descriptions and words translated, machine fields as Statuspage defines them', (lang, page, api, identified) => {
    const data = fixtureDataIn(lang);
    const english = fixtureData();
    const summary = read('api/v2/summary.json', data);
    expect(summary.status).toEqual({ indicator: 'critical', description: page });
    // Everything but the description is the same as in English: ids, statuses, impacts, staff-written text.
    const withoutDescription = (doc: typeof summary) => ({ ...doc, status: { ...doc.status, description: '' } });
    expect(withoutDescription(summary)).toEqual(withoutDescription(read('api/v2/summary.json', english)));

    const live = JSON.parse(liveFile(data, 'status.json')) as Snapshot;
    expect([live.indicator, live.description, live.look.words]).toEqual(['critical', page, page]);
    expect(live.components.find((c) => c.id === 'api')).toMatchObject({ status: 'major_outage', look: { words: api } });
    expect(live.incidents[0]?.latest).toMatchObject({ status: 'identified', words: identified });
    expect(live.words.unavailable).toBe(lang === 'de' ? 'Status nicht verfügbar' : 'الحالة غير متاحة');
  });

  it('says stale data in the language: never "all operational" on old data', () => {
    // A day later: the incident resolved, maintenance over, and no fresh monitoring data.
    const later = new Date('2026-06-11T00:00:00Z');
    const dir = copyFixture();
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:20:00Z\n    status: resolved\n    message: Recovered.');
    expect(read('api/v2/status.json', fixtureData(later, dir)).status).toEqual({ indicator: 'none', description: 'Status unconfirmed: monitoring data is out of date' });
    expect(read('api/v2/status.json', fixtureDataIn('fr', later, dir)).status).toEqual({ indicator: 'none', description: 'Statut non confirmé : les données de surveillance ne sont pas à jour' });
  });
});
