import { nestHeadings, renderMarkdown, type ComponentStatus, type Impact, type IncidentStatus } from '../content';
import { componentFlags, incidentStatusWords, latestUpdate, type Indicator, type MaintenanceState } from '../status';
import type { SiteData } from '../site-data';

/**
 * /status.json: the compact live status the home page's script polls (public/outpost.js), small enough
 * to fetch every half minute. It carries states, not looks: the page renders every badge once, in a
 * hidden element the script copies from.
 */
export type Snapshot = {
  /** The moment this status is for; the page says "Updated N seconds ago" from it. */
  generatedAt: string;
  indicator: Indicator;
  description: string;
  /** Some monitored component has no fresh data. */
  stale: boolean;
  components: { id: string; status: ComponentStatus; stale: boolean; detectedAutomatically: boolean; flags: string[] }[];
  /** Open incidents, newest first, each with its latest published update. */
  incidents: {
    id: string;
    title: string;
    impact: Impact;
    latest: { at: string; status: IncidentStatus; words: string; html: string };
  }[];
  /** Maintenance in progress, then upcoming, soonest first. */
  maintenance: { id: string; title: string; state: Extract<MaintenanceState, 'in_progress' | 'scheduled'>; start: string; end: string; components: string[] }[];
};

/** The live snapshot of a SiteData: the same answers as the page, the feeds and the JSON. */
export function snapshot({ status, now }: SiteData): Snapshot {
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
    description: status.description,
    stale: status.stale,
    components: status.components.map((c) => ({
      id: c.component.id,
      status: c.status,
      stale: c.stale,
      detectedAutomatically: c.detectedAutomatically,
      flags: componentFlags(c),
    })),
    incidents: status.openIncidents.map((incident) => {
      const latest = latestUpdate(incident, now);
      // `html` replaces the message in the home page's incident card, under its h3.
      return {
        id: incident.id,
        title: incident.title,
        impact: incident.impact,
        latest: { at: latest.at, status: latest.status, words: incidentStatusWords[latest.status], html: nestHeadings(renderMarkdown(latest.message), 4).trim() },
      };
    }),
    maintenance: [...status.activeMaintenance.map(window('in_progress')), ...status.upcomingMaintenance.map(window('scheduled'))],
  };
}
