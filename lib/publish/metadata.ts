import type { Metadata } from 'next';
import type { Site } from '../content';
import { siteUrls } from './urls';

/** `incidentId`: an incident's page, which shows the incident's own image; other pages show the site's. */
export type PageKind = { incidentId?: string; componentId?: string; title?: string; description?: string };

/** The `<title>` of a page titled `title`: "Title · Site". */
export function pageTitle(site: Pick<Site, 'name'>, title: string): string {
  return `${title} · ${site.name}`;
}

/**
 * The layout's title template, for pages whose titles are Outpost's own words. A page titled with staff-written
 * text passes `{ absolute: pageTitle(…) }`: Next fills the template with String.replace, which reads `$&` and
 * the like in the title as patterns.
 */
export function titleTemplate(site: Pick<Site, 'name'>): { default: string; template: string } {
  return { default: site.name, template: pageTitle(site, '%s') };
}

/** What a page's head says about it beyond its title: feeds to discover, and its social card. */
export type PageMeta = {
  title: string;
  description: string | undefined;
  feeds: { url: string; title: string }[];
  image: { url: string; width: number; height: number; alt: string };
};

/**
 * The values behind a page's publishing tags: RSS autodiscovery (the site's feed, plus the component's on a
 * component page), and the social image, with absolute URLs from the site's public `url`.
 */
export function pageMeta(site: Site, page: PageKind = {}): PageMeta {
  const urls = siteUrls(site);
  const feeds = [{ url: urls.feed, title: `${site.name} (RSS)` }];
  const component = page.componentId ? site.components.find((c) => c.id === page.componentId) : undefined;
  if (component) feeds.push({ url: urls.componentFeed(component.id), title: `${site.name}: ${component.name} (RSS)` });
  const image = { url: page.incidentId ? urls.incidentImage(page.incidentId) : urls.homeImage, width: 1200, height: 630, alt: page.title ?? site.name };
  return { title: page.title ?? site.name, description: page.description ?? site.description, feeds, image };
}

/**
 * pageMeta as Next metadata: RSS autodiscovery and Open Graph / Twitter card tags. Next replaces (not merges)
 * these keys per page, so a page that needs its own (incident, component) spreads the whole object in its
 * generateMetadata.
 */
export function publishMetadata(site: Site, page: PageKind = {}): Metadata {
  const { title, description, feeds, image } = pageMeta(site, page);
  return {
    alternates: { types: { 'application/rss+xml': feeds } },
    openGraph: { type: 'website', siteName: site.name, title, description, images: [image] },
    twitter: { card: 'summary_large_image', title, description, images: [image.url] },
  };
}
