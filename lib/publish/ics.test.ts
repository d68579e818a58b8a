import ICAL from 'ical.js';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { words } from '../i18n';
import { copyFixture, fixtureData, fixtureDataIn, fixtureSecrets } from './fixtures/fixture';
import { maintenanceCalendar } from './ics';

type Event = { uid: string; sequence: number; summary: string; start: string; end: string; status: string; categories: string[]; url: string; description: string };

/** The calendar parsed back by ical.js, one plain object per event. */
function parse(text: string): { name: string; events: Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: String(vevent.getFirstPropertyValue('status')),
      categories: vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
      url: String(vevent.getFirstPropertyValue('url')),
      description: event.description,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

describe('maintenanceCalendar', () => {
  it('has every upcoming, current and recent window as an event with its components', () => {
    const { name, events } = parse(maintenanceCalendar(fixtureData()));
    expect(name).toBe('Fixture Status: maintenance');
    expect(events.map((e) => [e.uid, e.status, e.start, e.end])).toEqual([
      ['2026-06-03-cancelled-window@status.fixture.example', 'CANCELLED', '2026-06-03T02:00:00.000Z', '2026-06-03T03:00:00.000Z'],
      ['2026-06-08-done@status.fixture.example', 'CONFIRMED', '2026-06-08T01:00:00.000Z', '2026-06-08T02:00:00.000Z'],
      ['2026-06-10-db-upgrade@status.fixture.example', 'CONFIRMED', '2026-06-10T11:00:00.000Z', '2026-06-10T14:00:00.000Z'],
      ['2026-06-20-network@status.fixture.example', 'CONFIRMED', '2026-06-20T02:00:00.000Z', '2026-06-20T04:00:00.000Z'],
    ]);
    const network = events[3]!;
    expect(network.summary).toBe('Maintenance: Network work');
    expect(network.categories).toEqual(['API', 'Website']);
    expect(network.url).toBe('https://status.fixture.example/maintenance/2026-06-20-network');
    expect(network.description).toContain('Components: API, Website');
    expect(network.description).toContain('Planned work on the network.');
  });

  it('leaves out windows that ended long ago', () => {
    const { events } = parse(maintenanceCalendar(fixtureData(new Date('2026-09-10T00:00:00Z'))));
    expect(events.map((e) => e.uid)).toEqual(['2026-06-20-network@status.fixture.example']);
  });

  it('keeps UIDs and raises SEQUENCE when a window is changed with an update', () => {
    const before = parse(maintenanceCalendar(fixtureData())).events.find((e) => e.uid.startsWith('2026-06-20-network'))!;
    expect(before.sequence).toBe(0);
    const dir = copyFixture();
    const file = path.join(dir, 'maintenance', '2026-06-20-network.md');
    const moved = fs
      .readFileSync(file, 'utf8')
      .replace('start: 2026-06-20T02:00:00Z', 'start: 2026-06-21T02:00:00Z')
      .replace('end: 2026-06-20T04:00:00Z', 'end: 2026-06-21T04:00:00Z')
      .replace('description: Planned work on the network.', 'description: Planned work on the network.\nupdates:\n  - at: 2026-06-10T11:30:00Z\n    message: Moved by a day.');
    fs.writeFileSync(file, moved);
    const after = parse(maintenanceCalendar(fixtureData(undefined, dir))).events.find((e) => e.uid === before.uid)!;
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.start).toBe('2026-06-21T02:00:00.000Z');
    fs.rmSync(dir, { recursive: true });
  });

  it('never contains a check target, header or secret', () => {
    const text = maintenanceCalendar(fixtureData());
    for (const secret of fixtureSecrets) expect(text).not.toContain(secret);
  });

  it('says our words in the language site.yaml chooses, and stays valid iCalendar (ar, with lines folded in UTF-8)', () => {
    const text = maintenanceCalendar(fixtureDataIn('ar'));
    // Folded lines stay within 75 octets, never cutting a character in two.
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('PRODID:-//Outpost//Outpost//AR');
    const { name, events } = parse(text);
    expect(name).toBe('Fixture Status: الصيانة');
    const network = events.find((e) => e.uid.startsWith('2026-06-20-network'))!;
    expect(network.summary).toBe('صيانة: Network work');
    expect(network.description).toContain('المكونات: API وWebsite');
    const upgrade = events.find((e) => e.uid.startsWith('2026-06-10-db-upgrade'))!;
    expect(upgrade.description).toContain(`${words('ar').dateTime('2026-06-10T11:00:00Z')}: Started.`);
    expect(upgrade.description).toContain('UTC: Started.');
  });

  it('names a component calendar in the language (ja)', () => {
    const { name, events } = parse(maintenanceCalendar(fixtureDataIn('ja'), 'db'));
    expect(name).toBe('Fixture Status：Databaseのメンテナンス');
    expect(events.find((e) => e.uid.startsWith('2026-06-10-db-upgrade'))!.description).toContain('2026年6月10日 11:00 UTC：Started.');
  });
});
