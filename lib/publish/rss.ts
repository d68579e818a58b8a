import RSS from 'rss';
import { oneLine, renderMarkdown, withoutForbiddenCharacters, type Incident, type Maintenance, type Site } from '../content';
import { words, type Words } from '../i18n';
import { affectedComponentIds, incidentsAffecting, lastUpdateMs, publishedCount } from '../status';
import type { SiteData } from '../site-data';
import { siteUrls } from './urls';
import { escapeHtml } from '../shared/html';
import { msOf } from '../shared/time';
import { compareText } from '../shared/words';

/** Newest items kept in a feed: a subscriber polls for what is new, not for the whole history. */
export const feedItemLimit = 200;

type FeedItem = {
  title: string;
  /** Safe HTML: rendered markdown plus a link to the page. */
  description: string;
  url: string;
  /** Never changes for the same update, whatever else is edited around it. */
  guid: string;
  /** When it was published; null for a maintenance announcement, whose writing time Outpost does not know. */
  date: string | null;
  /** Orders the feed, newest first: the date, or the start of an announced window. */
  sortAt: string;
  categories: string[];
};

/**
 * What a feed is made from, and nothing else: the site, which component (null for the whole site's feed), and each
 * incident and maintenance window that may have an item, with how many of its updates are published. A timeline is
 * kept in order (lib/content/rules.ts), so the published updates are its first ones, and the input does not change
 * with the clock alone: a publish makes a feed again only when one of its items changed. The entries and their counts
 * are lists side by side, not pairs: an entry stands in a fingerprint by its own (lib/shared/fingerprint.ts), and 50
 * components' feeds of 150 incidents each are keyed without serialising 7,500 pairs.
 */
export type FeedInput = {
  site: Site;
  componentId: string | null;
  incidents: Incident[];
  /** How many of each incident's updates are published, in the same order. */
  incidentsPublished: number[];
  maintenance: Maintenance[];
  maintenancePublished: number[];
};

/** The whole site's RSS feed: one item per incident update and per maintenance announcement and update. */
export function siteFeed(data: SiteData): string {
  return feedXml(feedInput(data, null)!);
}

/** One component's RSS feed, or null for an id the site does not have (so no file is generated). */
export function componentFeed(data: SiteData, componentId: string): string | null {
  const input = feedInput(data, componentId);
  return input && feedXml(input);
}

/**
 * The input of the site's feed (`componentId` null) or of one component's, or null for an id the site does not
 * have. Each of the feedItemLimit newest incidents has an item at or after it began, so no incident whose last
 * update is older than the last of them can have an item among the newest: only the others are candidates.
 */
export function feedInput(data: SiteData, componentId: string | null): FeedInput | null {
  const { content, now } = data;
  if (componentId !== null && !content.site.components.some((c) => c.id === componentId)) return null;
  const incidents = componentId === null ? content.incidents : incidentsAffecting(content.incidents, componentId);
  const cutoff = incidents.length > feedItemLimit ? msOf(incidents[feedItemLimit - 1]!.began) : -Infinity;
  const input: FeedInput = { site: content.site, componentId, incidents: [], incidentsPublished: [], maintenance: [], maintenancePublished: [] };
  for (const incident of incidents) {
    const published = lastUpdateMs(incident.updates) >= cutoff ? publishedCount(incident.updates, now) : 0;
    if (published > 0) {
      input.incidents.push(incident);
      input.incidentsPublished.push(published);
    }
  }
  for (const window of content.maintenance) {
    if (componentId !== null && !window.components.includes(componentId)) continue;
    input.maintenance.push(window);
    input.maintenancePublished.push(publishedCount(window.updates, now));
  }
  return input;
}


/** A feed's XML from its input, in the site's language. */
export function feedXml(input: FeedInput): string {
  const { site, componentId } = input;
  const urls = siteUrls(site);
  const w = words(site.language);
  const component = site.components.find((c) => c.id === componentId);
  const channel = component
    ? {
        title: w.t('feed.componentTitle', { site: site.name, component: component.name }),
        description: w.t('feed.componentDescription', { component: component.name }),
        siteUrl: urls.component(component.id),
        feedUrl: urls.componentFeed(component.id),
      }
    : { title: site.name, description: site.description ?? w.t('feed.siteDescription', { site: site.name }), siteUrl: urls.home, feedUrl: urls.feed };
  const items = [
    ...input.incidents.flatMap((incident, i) => incidentItems(w, site, incident, affectedComponentIds(incident), input.incidentsPublished[i]!)),
    ...input.maintenance.flatMap((window, i) => maintenanceItems(w, site, window, input.maintenancePublished[i]!)),
  ];
  items.sort((a, b) => compareText(b.sortAt, a.sortAt) || compareText(a.guid, b.guid));
  return renderFeed(w, channel, items.slice(0, feedItemLimit));
}

function incidentItems(w: Words, site: Site, incident: Incident, componentIds: string[], published: number): FeedItem[] {
  const page = { kind: 'incident' as const, url: siteUrls(site).incident(incident.id) };
  return incident.updates.slice(0, published).map((update, i) =>
    updateItem(w, site, page, i, update, () => withComponents(w, site, componentIds, w.t('incident.titleStatus', { title: incident.title, status: w.t(`incident.${update.status}`) }))),
  );
}

function maintenanceItems(w: Words, site: Site, window: Maintenance, published: number): FeedItem[] {
  const page = { kind: 'maintenance' as const, url: siteUrls(site).maintenance(window.id) };
  const when = `<p>${escapeHtml(w.t('feed.scheduled', { start: w.dateTime(window.start), end: w.dateTime(window.end) }))}</p>`;
  const announcement: FeedItem = {
    title: withComponents(w, site, window.components, w.t('feed.maintenanceTitle', { title: window.title })),
    description: [when, window.description && absoluteLinks(site, renderMarkdown(window.description)), pageLink(w, page)].filter(Boolean).join('\n'),
    url: page.url,
    guid: `${page.url}#announcement`,
    date: null,
    sortAt: window.start,
    categories: [page.kind],
  };
  const updates = window.updates.slice(0, published).map((update, i) =>
    updateItem(w, site, page, i, update, () => withComponents(w, site, window.components, w.t('incident.titleStatus', { title: window.title, status: update.status ? w.t(`maintenance.${update.status}`) : w.t('feed.update') }))),
  );
  return [announcement, ...updates];
}

type Page = { kind: 'incident' | 'maintenance'; url: string };

/**
 * One update's item. Its GUID is its place in the timeline: timelines are kept in order and only grow. Its title and
 * description are made when read: a feed sorts about four times as many items as it keeps (feedItemLimit), and
 * rendering every one's markdown took two thirds of a feed's time, making every title (its components' names in a
 * list) 30 ms of a publish at 5,000 incidents.
 */
function updateItem(w: Words, site: Site, page: Page, index: number, update: { at: string; message: string }, titled: () => string): FeedItem {
  let title: string | undefined;
  let description: string | undefined;
  return {
    get title() {
      return (title ??= titled());
    },
    get description() {
      return (description ??= `${messageHtml(site, update)}\n${pageLink(w, page)}`);
    },
    url: page.url,
    guid: `${page.url}#update-${index + 1}`,
    date: update.at,
    sortAt: update.at,
    categories: [page.kind],
  };
}

const messages = new WeakMap<object, { url: string; html: string }>();

/**
 * An update's message as a feed item says it, once per update for the feeds of one process: the site's feed and the
 * feeds of the components it touches hold the same item (a publish after an update renders three feeds of 200 items).
 */
function messageHtml(site: Site, update: { message: string }): string {
  const known = messages.get(update);
  if (known?.url === site.url) return known.html;
  const html = absoluteLinks(site, renderMarkdown(update.message));
  messages.set(update, { url: site.url, html });
  return html;
}

function pageLink(w: Words, page: Page): string {
  return `<p><a href="${escapeHtml(page.url)}">${escapeHtml(w.t(page.kind === 'incident' ? 'feed.viewIncident' : 'feed.viewMaintenance'))}</a></p>`;
}

/** `text (API, Dashboard)`: the affected components' names in site order after `text`, or `text` alone. */
function withComponents(w: Words, site: Site, ids: string[], text: string): string {
  const names = site.components.filter((c) => ids.includes(c.id)).map((c) => c.name);
  return names.length > 0 ? w.t('feed.withComponents', { text, components: w.list(names) }) : text;
}

/** Feed readers resolve links against nothing: make site-relative links absolute. */
function absoluteLinks(site: Site, html: string): string {
  return html.replace(/(href|src)="\/(?!\/)/g, `$1="${site.url}/`);
}

type Channel = { title: string; description: string; siteUrl: string; feedUrl: string };

function renderFeed(w: Words, channel: Channel, items: FeedItem[]): string {
  // Titles are one line: XML parsers disagree on what a line break in one becomes (feedparser drops a CR, rss-parser keeps it).
  const feed = new RSS({
    title: oneLine(channel.title),
    description: oneLine(channel.description),
    site_url: channel.siteUrl,
    feed_url: channel.feedUrl,
    generator: 'Outpost',
    language: w.lang,
    ttl: 5,
  });
  for (const item of items) {
    // `rss` types `date` as required but writes no pubDate without one, which is what an announcement needs.
    feed.item({ title: oneLine(item.title), description: item.description, url: item.url, guid: item.guid, categories: item.categories, date: item.date ?? undefined! });
  }
  const newest = items.find((i) => i.date !== null)?.date;
  // `rss` always stamps lastBuildDate with the clock; the newest item's date keeps the bytes deterministic.
  const xml = feed.xml({ indent: true }).replace(/<lastBuildDate>[^<]*<\/lastBuildDate>/, newest ? `<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>` : '');
  // A control character is not well-formed XML anywhere, even escaped: one would break every reader of the feed.
  return withoutForbiddenCharacters(xml);
}
