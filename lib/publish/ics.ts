import ical, { ICalEventStatus } from 'ical-generator';
import { markdownToText, oneLine, withoutForbiddenCharacters, type Maintenance, type MaintenanceUpdate, type Site } from '../content';
import { words, type Words } from '../i18n';
import { maintenanceState, publishedBy, revisedAt } from '../status';
import type { SiteData } from '../site-data';
import { siteUrls } from './urls';
import { msOf } from '../shared/time';

/** Windows that ended longer ago than this are left out of the calendar. */
export const calendarHistoryDays = 90;

/**
 * /maintenance.ics: every upcoming, current and recent maintenance window as an event; with `componentId`,
 * /components/<id>/maintenance.ics: that component's windows only.
 *
 * UID is `<window id>@<site host>`, so an edited window replaces its event instead of adding one.
 * SEQUENCE is the number of updates published on the window: staff announce every change (a new time,
 * a cancellation, an early end) with an update, so each change raises it, and it never goes down.
 * This needs no stored state, so every build and every machine agree on it. Outpost's own words are in the site's
 * language; titles, descriptions and updates stay as staff wrote them.
 */
export function maintenanceCalendar(data: SiteData, componentId?: string): string {
  return calendarIcs(calendarInput(data, componentId));
}

/** What a calendar shows: the site's name, address and words, and each window in it as of one moment. */
export type CalendarInput = {
  site: Pick<Site, 'name' | 'url' | 'language'>;
  components: { id: string; name: string }[];
  componentId: string | null;
  windows: { window: Maintenance; updates: MaintenanceUpdate[]; stamp: string; cancelled: boolean }[];
};

/** The input of the site's calendar, or of one component's. */
export function calendarInput(data: SiteData, componentId?: string): CalendarInput {
  const { site } = data.content;
  const maintenance = componentId ? data.content.maintenance.filter((m) => m.components.includes(componentId)) : data.content.maintenance;
  const since = data.now.getTime() - calendarHistoryDays * 86_400_000;
  return {
    site: { name: site.name, url: site.url, language: site.language },
    components: site.components.map(({ id, name }) => ({ id, name })),
    componentId: componentId ?? null,
    windows: maintenance
      .filter((m) => msOf(m.end) >= since)
      .map((window) => ({ window, updates: publishedBy(window.updates, data.now), stamp: revisedAt(window, data.now), cancelled: maintenanceState(window, data.now) === 'cancelled' })),
  };
}

/** A calendar's text. */
export function calendarIcs({ site, components, componentId, windows }: CalendarInput): string {
  const urls = siteUrls(site);
  const host = new URL(site.url).host;
  const componentName = components.find((c) => c.id === componentId)?.name;
  const w = words(site.language);
  // One-line values are made one line: ical-generator escapes a line break in an event's text but not in the
  // calendar's name, and a bare carriage return nowhere, so either would end the line early.
  const calendar = ical({
    name: oneLine(componentName ? w.t('ics.componentName', { site: site.name, component: componentName }) : w.t('ics.name', { site: site.name })),
    description: oneLine(w.t('ics.description', { name: componentName ?? site.name })),
    prodId: { company: 'Outpost', product: 'Outpost', language: w.lang.toUpperCase() },
    url: urls.home,
    ttl: 3600,
  });
  for (const { window, updates, stamp, cancelled } of windows) {
    const names = components.filter((c) => window.components.includes(c.id)).map((c) => c.name);
    calendar.createEvent({
      id: `${window.id}@${host}`,
      sequence: updates.length,
      stamp,
      start: window.start,
      end: window.end,
      summary: oneLine(w.t('ics.summary', { title: window.title })),
      description: describe(w, window, names, updates, urls.maintenance(window.id)).replace(/\r\n?/g, '\n'),
      url: urls.maintenance(window.id),
      categories: names.map((name) => ({ name: oneLine(name) })),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // iCalendar allows no control character but tab in a value (RFC 5545 3.3.11): none reaches a calendar.
  return withoutForbiddenCharacters(calendar.toString());
}

function describe(w: Words, window: Maintenance, names: string[], updates: Maintenance['updates'], url: string): string {
  return [
    window.description && markdownToText(window.description),
    w.t('component.list', { components: w.list(names) }),
    ...updates.map((u) => w.t('ics.update', { time: w.dateTime(u.at), message: markdownToText(u.message) })),
    url,
  ]
    .filter(Boolean)
    .join('\n\n');
}
