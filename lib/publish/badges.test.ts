import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { componentBadge, siteBadge } from './badges';
import { addIncidentUpdate, copyFixture, fixtureData } from './fixtures/fixture';

/** The accessible name a screen reader gets: the SVG's title and its aria-label must agree. */
function accessibleName(svg: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1];
  const label = /aria-label="([^"]*)"/.exec(svg)?.[1];
  expect(svg).toMatch(/^<svg [^>]*role="img"/);
  expect(title).toBe(label);
  return title!;
}

describe('badges', () => {
  it('says the overall status in words', () => {
    expect(accessibleName(siteBadge(fixtureData()))).toBe('Fixture Status: Major System Outage');
  });

  it.each([
    ['api', 'API: Major outage'],
    ['db', 'Database: Degraded performance'],
    ['queue', 'Queue: Operational'],
    ['web', 'Website: Operational'],
  ])('says %s’s status in words', (id, words) => {
    expect(accessibleName(componentBadge(fixtureData(), id)!)).toBe(words);
  });

  it('never says a monitored component is operational without fresh data', () => {
    // Once the incident is resolved and the maintenance over, "db" has nothing reported, and no monitoring data.
    const dir = copyFixture();
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:20:00Z\n    status: resolved\n    message: Recovered.');
    const later = fixtureData(new Date('2026-06-11T00:00:00Z'), dir);
    expect(later.status.components.find((c) => c.component.id === 'db')).toMatchObject({ status: 'operational', stale: true });
    expect(accessibleName(componentBadge(later, 'db')!)).toBe('Database: No recent data');
    expect(accessibleName(componentBadge(later, 'web')!)).toBe('Website: Operational'); // no checks: never stale
    fs.rmSync(dir, { recursive: true });
  });

  it('is null for a component the site does not have', () => {
    expect(componentBadge(fixtureData(), 'nope')).toBeNull();
  });
});
