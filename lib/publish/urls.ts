import type { Site } from '../content';

/**
 * Absolute addresses of what the site publishes, from its public `url` (stored without a trailing slash).
 * Feeds, JSON, calendars and social images link with these; pages link relatively.
 */
export function siteUrls(site: Pick<Site, 'url'>) {
  const base = site.url;
  return {
    home: `${base}/`,
    incident: (id: string) => `${base}/incidents/${id}`,
    maintenance: (id: string) => `${base}/maintenance/${id}`,
    component: (id: string) => `${base}/components/${id}`,
    feed: `${base}/feed.xml`,
    componentFeed: (id: string) => `${base}/components/${id}/feed.xml`,
    calendar: `${base}/maintenance.ics`,
    componentCalendar: (id: string) => `${base}/components/${id}/maintenance.ics`,
    homeImage: `${base}/og.png`,
    incidentImage: (id: string) => `${base}/incidents/${id}/og.png`,
  };
}
