import { describe, expect, it } from 'vitest';
import { siteSchema } from '../content';
import { publishMetadata } from './metadata';

const site = siteSchema.parse({ name: 'Test', url: 'https://status.test.example/', components: [{ id: 'api', name: 'API' }] });

describe('publishMetadata', () => {
  it("points an incident page at the incident's image, and every other page at the site's, with absolute URLs", () => {
    const incidentPage = publishMetadata(site, { incidentId: '2026-05-30-api-errors', title: 'API errors' });
    expect(incidentPage.openGraph?.images).toEqual([expect.objectContaining({ url: 'https://status.test.example/incidents/2026-05-30-api-errors/og.png', width: 1200, height: 630 })]);
    expect(incidentPage.twitter).toMatchObject({ card: 'summary_large_image', images: ['https://status.test.example/incidents/2026-05-30-api-errors/og.png'] });
    const other = publishMetadata(site, { title: 'Maintenance' });
    expect(other.twitter).toMatchObject({ images: ['https://status.test.example/og.png'] });
  });
});
