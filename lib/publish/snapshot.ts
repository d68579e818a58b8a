import { renderMarkdown, type ComponentStatus, type Impact, type IncidentStatus } from '../content';
import { componentStatusWords, latestUpdate, type Indicator } from '../status';
import type { SiteData } from '../site-data';
import { unconfirmedWords } from './badges';
import { incidentStatusWords } from './words';

/** /status.json: the compact live status the page's script polls, small enough to fetch every minute. */
export type Snapshot = {
  /** The moment this status is for; the page says "updated N seconds ago" from it. */
  generatedAt: string;
  indicator: Indicator;
  description: string;
  /** Some monitored component has no fresh data. */
  stale: boolean;
  components: { id: string; status: ComponentStatus; words: string; stale: boolean; detectedAutomatically: boolean }[];
  /** Open incidents, newest first, each with its latest published update. */
  incidents: {
    id: string;
    title: string;
    impact: Impact;
    latest: { at: string; status: IncidentStatus; words: string; html: string };
  }[];
  /** Maintenance in progress, then upcoming, soonest first. */
  maintenance: { id: string; title: string; state: 'in_progress' | 'scheduled'; start: string; end: string; components: string[] }[];
};

/** The live snapshot of a SiteData: the same answers as the page, the feeds and the JSON. */
export function snapshot({ status, now }: SiteData): Snapshot {
  return {
    generatedAt: now.toISOString(),
    indicator: status.indicator,
    description: status.description,
    stale: status.stale,
    components: status.components.map((c) => ({
      id: c.component.id,
      status: c.status,
      words: c.stale && c.status === 'operational' ? unconfirmedWords : componentStatusWords[c.status],
      stale: c.stale,
      detectedAutomatically: c.detectedAutomatically,
    })),
    incidents: status.openIncidents.map((incident) => {
      const latest = latestUpdate(incident, now);
      return {
        id: incident.id,
        title: incident.title,
        impact: incident.impact,
        latest: { at: latest.at, status: latest.status, words: incidentStatusWords[latest.status], html: renderMarkdown(latest.message) },
      };
    }),
    maintenance: [
      ...status.activeMaintenance.map((m) => ({ id: m.id, title: m.title, state: 'in_progress' as const, start: m.start, end: m.end, components: m.components })),
      ...status.upcomingMaintenance.map((m) => ({ id: m.id, title: m.title, state: 'scheduled' as const, start: m.start, end: m.end, components: m.components })),
    ],
  };
}
