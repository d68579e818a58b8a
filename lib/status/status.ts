import {
  componentStatuses,
  ownCheck,
  impacts,
  type Component,
  type ComponentStatus,
  type Content,
  type Group,
  type Impact,
  type Incident,
  type Maintenance,
} from '../content';
import type { MonitorComponent, MonitorView } from './types';

/** Statuspage v2 page indicators. */
export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** Where a maintenance window stands at a moment. */
export type MaintenanceState = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

/** One component's status at a moment, with what made it so. */
export type ComponentState = {
  component: Component;
  status: ComponentStatus;
  /** Open incidents that affect it. */
  incidentIds: string[];
  /** Maintenance windows in progress on it. */
  maintenanceIds: string[];
  /** The monitor's merged verdict; null for a component without checks or without monitoring data. */
  monitor: MonitorComponent | null;
  /** The monitor's confirmed failure sets the status and no open incident covers it. */
  detectedAutomatically: boolean;
  /** Monitored, but without fresh data: its status is not confirmed. */
  stale: boolean;
};

/** The whole page's status at one moment: what the home page, feeds, JSON and live snapshot all show. */
export type SiteStatus = {
  /** The moment this was computed for. */
  at: string;
  indicator: Indicator;
  /** Statuspage's words for the indicator, or a stale warning in place of "All Systems Operational". */
  description: string;
  /** In site order. */
  components: ComponentState[];
  /** Components under their group, in site order; ungrouped ones as a group of one with `group: null`. */
  sections: { group: Group | null; components: ComponentState[] }[];
  /** Newest first. */
  openIncidents: Incident[];
  activeMaintenance: Maintenance[];
  /** Soonest first. */
  upcomingMaintenance: Maintenance[];
  /** Some monitored component has no fresh data. */
  stale: boolean;
};

const indicatorWords: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

/** The words shown when nothing is reported but monitoring data is stale. */
export const staleDescription = 'Status unconfirmed: monitoring data is out of date';

const componentIndicator: Record<ComponentStatus, Indicator> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** The worse of two component statuses. */
export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return componentStatuses.indexOf(a) >= componentStatuses.indexOf(b) ? a : b;
}

function worseIndicator(a: Indicator, b: Indicator): Indicator {
  const order: Indicator[] = ['none', 'maintenance', ...impacts.slice(1)] as Indicator[];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}

/** The state of a maintenance window at `now`. */
export function maintenanceState(window: Maintenance, now: Date): MaintenanceState {
  const t = now.getTime();
  if (window.endedEarly && Date.parse(window.endedEarly.at) <= t) return window.endedEarly.status;
  if (t < Date.parse(window.start)) return 'scheduled';
  if (t < Date.parse(window.end)) return 'in_progress';
  return 'completed';
}

/** Is the incident still open at `now`? A resolving update in the future does not count yet. */
export function isOpen(incident: Incident, now: Date): boolean {
  return incident.resolvedAt === null || Date.parse(incident.resolvedAt) > now.getTime();
}

/** The updates published by `now`, oldest first; never none, so a page always has its first. */
export function publishedUpdates(incident: Incident, now: Date) {
  const published = incident.updates.filter((u) => Date.parse(u.at) <= now.getTime());
  return published.length > 0 ? published : incident.updates.slice(0, 1);
}

/** The incident's latest update at `now`. */
export function latestUpdate(incident: Incident, now: Date = new Date(8.64e15)) {
  return publishedUpdates(incident, now).at(-1)!;
}

/** The incident's current status word (investigating … resolved, postmortem). */
export function incidentStatusAt(incident: Incident, now: Date) {
  return latestUpdate(incident, now).status;
}

/** Each affected component's status as the incident's updates have left it at `now`. */
export function incidentComponentStatuses(incident: Incident, now: Date): Record<string, ComponentStatus> {
  const statuses: Record<string, ComponentStatus> = { ...incident.components };
  for (const update of incident.updates) {
    if (Date.parse(update.at) > now.getTime()) break;
    Object.assign(statuses, update.components);
  }
  return statuses;
}

/** Each affected component's worst status over the incident's timeline up to `now`: what it did to them. */
export function worstComponentStatuses(incident: Incident, now: Date): Record<string, ComponentStatus> {
  const worst: Record<string, ComponentStatus> = { ...incident.components };
  for (const update of incident.updates) {
    if (Date.parse(update.at) > now.getTime()) break;
    for (const [id, status] of Object.entries(update.components ?? {})) worst[id] = worst[id] ? worseStatus(worst[id], status) : status;
  }
  return worst;
}

/** Every component id the incident has touched in any update. */
export function affectedComponentIds(incident: Incident): string[] {
  return [...new Set([...Object.keys(incident.components), ...incident.updates.flatMap((u) => Object.keys(u.components ?? {}))])];
}

/** How long an incident lasted (or has lasted by `now`), in milliseconds. */
export function incidentDurationMs(incident: Incident, now: Date): number {
  const end = incident.resolvedAt && Date.parse(incident.resolvedAt) <= now.getTime() ? Date.parse(incident.resolvedAt) : now.getTime();
  return Math.max(0, end - Date.parse(incident.began));
}

/**
 * The status of every component and of the page at `now`. A component's status is the worst of its open
 * incidents, an in-progress maintenance and the monitor's confirmed verdict (ignored during maintenance,
 * when failures are expected). The page's indicator is the worst of its components and its open incidents'
 * impacts; with nothing reported and stale data it never says "All Systems Operational".
 */
export function computeStatus(content: Content, monitor: MonitorView | null, now: Date): SiteStatus {
  const openIncidents = content.incidents.filter((i) => Date.parse(i.began) <= now.getTime() && isOpen(i, now));
  const activeMaintenance = content.maintenance.filter((m) => maintenanceState(m, now) === 'in_progress');
  const upcomingMaintenance = content.maintenance.filter((m) => maintenanceState(m, now) === 'scheduled');

  const components = content.site.components.map((component): ComponentState => {
    let status: ComponentStatus = 'operational';
    const incidentIds: string[] = [];
    for (const incident of openIncidents) {
      const reported = incidentComponentStatuses(incident, now)[component.id];
      if (reported) {
        incidentIds.push(incident.id);
        status = worseStatus(status, reported);
      }
    }
    const maintenanceIds = activeMaintenance.filter((m) => m.components.includes(component.id)).map((m) => m.id);
    if (maintenanceIds.length > 0) status = worseStatus(status, 'under_maintenance');
    // A statuspage check that does not affect the component is the provider's: it leaves this alone.
    const checked = component.checks.some(ownCheck);
    const monitored = checked ? (monitor?.components[component.id] ?? null) : null;
    let detectedAutomatically = false;
    if (monitored && maintenanceIds.length === 0 && !monitored.stale) {
      detectedAutomatically = monitored.status !== 'operational' && incidentIds.length === 0 && worseStatus(status, monitored.status) !== status;
      status = worseStatus(status, monitored.status);
    }
    const stale = checked && (monitored === null || monitored.stale);
    return { component, status, incidentIds, maintenanceIds, monitor: monitored, detectedAutomatically, stale };
  });

  let indicator: Indicator = 'none';
  for (const c of components) indicator = worseIndicator(indicator, componentIndicator[c.status]);
  for (const incident of openIncidents) indicator = worseIndicator(indicator, impactIndicator(incident.impact));
  if (indicator === 'none' && activeMaintenance.length > 0) indicator = 'maintenance';
  const stale = components.some((c) => c.stale);
  const description = indicator === 'none' && stale ? staleDescription : indicatorWords[indicator];

  return {
    at: now.toISOString(),
    indicator,
    description,
    components,
    sections: sectionsOf(content.site.groups, components),
    openIncidents,
    activeMaintenance,
    upcomingMaintenance,
    stale,
  };
}

function impactIndicator(impact: Impact): Indicator {
  return impact === 'none' ? 'none' : impact;
}

/** Groups in the order their first component appears; ungrouped components stand alone where they are. */
function sectionsOf(groups: Group[], components: ComponentState[]): SiteStatus['sections'] {
  const sections: SiteStatus['sections'] = [];
  const byGroup = new Map<string, SiteStatus['sections'][number]>();
  for (const state of components) {
    const groupId = state.component.group;
    if (!groupId) {
      sections.push({ group: null, components: [state] });
      continue;
    }
    let section = byGroup.get(groupId);
    if (!section) {
      section = { group: groups.find((g) => g.id === groupId) ?? null, components: [] };
      byGroup.set(groupId, section);
      sections.push(section);
    }
    section.components.push(state);
  }
  return sections;
}

/** Human words for a component status, for the page and text alternatives. */
export const componentStatusWords: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};
