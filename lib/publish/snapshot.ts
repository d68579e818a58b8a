import { nestHeadings, renderMarkdown, type ComponentStatus, type Impact, type IncidentStatus } from '../content';
import { words, type Words } from '../i18n';
import { componentFlags, componentLook, describeStatus, latestUpdate, pageLook, pollSeconds, type Indicator, type Look, type MaintenanceState } from '../status';
import type { SiteData } from '../site-data';

/**
 * /status.json: the compact live status for other sites and tools (a widget, a script, a chat bot), small enough
 * to fetch every half minute. It carries each status with its look as lib/status/looks.ts decides it, so a
 * consumer never has to work out that stale data must not look green. Its words are in the site's language.
 */
export type Snapshot = {
  /** The moment this status is for. */
  generatedAt: string;
  indicator: Indicator;
  description: string;
  /** How the page's status looks (tone, icon, words). */
  look: Look;
  /** Some monitored component has no fresh data. */
  stale: boolean;
  /** When every monitored component had last been checked by, and when the status turns stale unless new data comes. */
  checkedAt: string | null;
  staleAt: string | null;
  /** How often to ask again: half the shortest check interval, within 2 s and 5 min. */
  pollSeconds: number;
  components: { id: string; status: ComponentStatus; look: Look; stale: boolean; detectedAutomatically: boolean; flags: string[] }[];
  /** Open incidents, newest first, each with its latest published update. */
  incidents: {
    id: string;
    title: string;
    impact: Impact;
    latest: { at: string; status: IncidentStatus; words: string; html: string };
  }[];
  /** Maintenance in progress, then upcoming, soonest first. */
  maintenance: { id: string; title: string; state: Extract<MaintenanceState, 'in_progress' | 'scheduled'>; start: string; end: string; components: string[] }[];
  /** The widget's own words in the site's language (public/widget.js), for what it says without a fresh status. */
  words: WidgetWords;
};

/** What the widget says itself: while it waits, when status.json cannot be read, and when the status is old. */
export type WidgetWords = { checking: string; unavailable: string; stale: string; old: string };

/** The live snapshot of a SiteData: the same answers as the page, the feeds and the JSON. */
export function snapshot({ content, status, now }: SiteData): Snapshot {
  const w = words(content.site.language);
  const window = (state: 'in_progress' | 'scheduled') => (m: SiteData['content']['maintenance'][number]) => ({
    id: m.id,
    title: m.title,
    state,
    start: m.start,
    end: m.end,
    components: m.components,
  });
  return {
    generatedAt: now.toISOString(),
    indicator: status.indicator,
    description: describeStatus(status, w),
    look: pageLook(status, w),
    stale: status.stale,
    checkedAt: status.checkedAt,
    staleAt: status.staleAt,
    pollSeconds: pollSeconds(content.site),
    components: status.components.map((c) => ({
      id: c.component.id,
      status: c.status,
      look: componentLook(c, w),
      stale: c.stale,
      detectedAutomatically: c.detectedAutomatically,
      flags: componentFlags(c, w),
    })),
    incidents: status.openIncidents.map((incident) => {
      const latest = latestUpdate(incident, now);
      // `html` replaces the message in the home page's incident card, under its h3.
      return {
        id: incident.id,
        title: incident.title,
        impact: incident.impact,
        latest: { at: latest.at, status: latest.status, words: w.t(`incident.${latest.status}`), html: nestHeadings(renderMarkdown(latest.message), 4).trim() },
      };
    }),
    maintenance: [...status.activeMaintenance.map(window('in_progress')), ...status.upcomingMaintenance.map(window('scheduled'))],
    words: widgetWords(w),
  };
}

/** The widget's own words in a language: in status.json, and set into the widget.js a build serves. */
export function widgetWords(w: Words): WidgetWords {
  return { checking: w.t('widget.checking'), unavailable: w.t('widget.unavailable'), stale: w.t('widget.stale'), old: w.t('widget.old') };
}
