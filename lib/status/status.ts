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
import { words, type Words } from '../i18n';
import { hasBegun, incidentComponentStatuses, isOpen } from './incidents';
import { maintenanceState } from './maintenance';
import { staleAt as staleAtOf } from './stale';
import type { MonitorComponent, MonitorView } from './types';

/** Statuspage v2 page indicators. */
export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

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
  /** When it turns stale if no new result arrives (lib/status/stale.ts); null when not monitored or no result yet. */
  staleAt: string | null;
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
  /** The moment every monitored component had been checked by: the oldest of their newest results; null when none is monitored or has data. */
  checkedAt: string | null;
  /** The first moment a monitored component turns stale if no new result arrives; null when none can. */
  staleAt: string | null;
};

/** The page's status in words, in `w`'s language: never "All Systems Operational" on stale data. */
export function describeStatus({ indicator, stale }: Pick<SiteStatus, 'indicator' | 'stale'>, w: Words = words('en')): string {
  return w.t(indicator === 'none' && stale ? 'indicator.stale' : `indicator.${indicator}`);
}

/** The words shown when nothing is reported but monitoring data is stale. */
export const staleDescription = describeStatus({ indicator: 'none', stale: true });

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

/**
 * The status of every component and of the page at `now`. A component's status is the worst of its open
 * incidents, an in-progress maintenance and the monitor's confirmed verdict (ignored during maintenance,
 * when failures are expected). The page's indicator is the worst of its components and its open incidents'
 * impacts; with nothing reported and stale data it never says "All Systems Operational".
 */
export function computeStatus(content: Content, monitor: MonitorView | null, now: Date): SiteStatus {
  const openIncidents = content.incidents.filter((i) => hasBegun(i, now) && isOpen(i, now));
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
    const staleMs = monitored ? staleAtOf(monitored.lastCheckedAt, monitored.intervalMs) : null;
    const staleAt = staleMs === null ? null : new Date(staleMs).toISOString();
    return { component, status, incidentIds, maintenanceIds, monitor: monitored, detectedAutomatically, stale, staleAt };
  });

  let indicator: Indicator = 'none';
  for (const c of components) indicator = worseIndicator(indicator, componentIndicator[c.status]);
  for (const incident of openIncidents) indicator = worseIndicator(indicator, impactIndicator(incident.impact));
  if (indicator === 'none' && activeMaintenance.length > 0) indicator = 'maintenance';
  const stale = components.some((c) => c.stale);
  const checked = components.flatMap((c) => (c.monitor?.lastCheckedAt ? [c.monitor.lastCheckedAt] : [])).sort();
  const staleTimes = components.flatMap((c) => (c.staleAt ? [c.staleAt] : [])).sort();
  const description = describeStatus({ indicator, stale });

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
    checkedAt: checked[0] ?? null,
    staleAt: staleTimes[0] ?? null,
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
