import { describe, expect, it } from 'vitest';
import { incidentFrom, incidentSchema, siteSchema } from '../content';
import { hasOwnImage, OWN_IMAGE_DAYS, publishMetadata } from './metadata';

const site = siteSchema.parse({ name: 'Test', url: 'https://status.test.example/', components: [{ id: 'api', name: 'API' }] });
const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const incident = (began: number, resolved: number | null) =>
  incidentFrom(
    incidentSchema.parse({
      title: 'API errors',
      impact: 'major',
      updates: [
        { at: daysAgo(began), status: 'investigating', message: 'Looking.' },
        ...(resolved === null ? [] : [{ at: daysAgo(resolved), status: 'resolved', message: 'Fixed.' }]),
      ],
    }),
    { id: 'x', file: '', body: '' },
  );

describe('hasOwnImage', () => {
  it.each([
    ['an open incident, however old', incident(400, null), true],
    ['a resolved incident that began today', incident(0, 0), true],
    [`one that began ${OWN_IMAGE_DAYS} days ago`, incident(OWN_IMAGE_DAYS, OWN_IMAGE_DAYS - 1), true],
    [`one that began ${OWN_IMAGE_DAYS + 1} days ago`, incident(OWN_IMAGE_DAYS + 1, OWN_IMAGE_DAYS), false],
    ['one from last year', incident(365, 364), false],
  ])('%s: %s', (_name, i, expected) => {
    expect(hasOwnImage(i, now)).toBe(expected);
  });
});

describe('publishMetadata', () => {
  it("points an incident page with an image of its own at it, and every other page at the site's, with absolute URLs", () => {
    const own = publishMetadata(site, { incidentId: '2026-05-30-api-errors', title: 'API errors' });
    expect(own.openGraph?.images).toEqual([expect.objectContaining({ url: 'https://status.test.example/incidents/2026-05-30-api-errors/og.png', width: 1200, height: 630 })]);
    expect(own.twitter).toMatchObject({ card: 'summary_large_image', images: ['https://status.test.example/incidents/2026-05-30-api-errors/og.png'] });
    const old = publishMetadata(site, { title: 'API errors' });
    expect(old.twitter).toMatchObject({ images: ['https://status.test.example/og.png'] });
  });
});
