import type { ComponentStatus, Impact, IncidentStatus } from '@/lib/content';
import { componentStatusWords, impactWords, incidentStatusWords, maintenanceWords, noDataWords, type Indicator, type MaintenanceState } from '@/lib/status';
import { Icon, type IconName } from './icons';

/** A colour family; the CSS gives each a colour that reads in light and dark. */
export type Tone = 'ok' | 'minor' | 'major' | 'critical' | 'maintenance' | 'neutral';

const componentLook: Record<ComponentStatus, [Tone, IconName]> = {
  operational: ['ok', 'ok'],
  degraded_performance: ['minor', 'degraded'],
  partial_outage: ['major', 'partial'],
  major_outage: ['critical', 'major'],
  under_maintenance: ['maintenance', 'maintenance'],
};

/** How the page's indicator looks: the icon and tone of the component status it stands for. */
export const indicatorLook: Record<Indicator, [Tone, IconName]> = {
  none: componentLook.operational,
  minor: componentLook.degraded_performance,
  major: componentLook.partial_outage,
  critical: componentLook.major_outage,
  maintenance: componentLook.under_maintenance,
};

const impactLook: Record<Impact, [Tone, IconName]> = {
  none: ['neutral', 'unknown'],
  minor: indicatorLook.minor,
  major: indicatorLook.major,
  critical: indicatorLook.critical,
};

const maintenanceLook: Record<MaintenanceState, [Tone, IconName]> = {
  scheduled: ['neutral', 'scheduled'],
  in_progress: ['maintenance', 'maintenance'],
  completed: ['ok', 'ok'],
  cancelled: ['neutral', 'cancelled'],
};

/** An incident's status: the further from resolved, the stronger its tone. */
const incidentStatusLook: Record<IncidentStatus, [Tone, IconName]> = {
  investigating: componentLook.major_outage,
  identified: componentLook.partial_outage,
  monitoring: componentLook.degraded_performance,
  resolved: componentLook.operational,
  postmortem: componentLook.operational,
};

/** Icon and words in one tone. */
export function Badge({ look: [tone, icon], children }: { look: [Tone, IconName]; children: string }) {
  return (
    <span className={`badge tone-${tone}`}>
      <Icon name={icon} />
      {children}
    </span>
  );
}

/** A component's status, e.g. ◆ Partial outage. */
export function ComponentStatusBadge({ status }: { status: ComponentStatus }) {
  return <Badge look={componentLook[status]}>{componentStatusWords[status]}</Badge>;
}

/** Said in place of "Operational" when a monitored component has no fresh data. */
export function NoDataBadge() {
  return <Badge look={['neutral', 'unknown']}>{noDataWords}</Badge>;
}

/** An incident's impact, e.g. ▲ Minor impact. */
export function ImpactBadge({ impact }: { impact: Impact }) {
  return <Badge look={impactLook[impact]}>{impactWords[impact]}</Badge>;
}

/** A maintenance window's state at build time, e.g. ◷ Scheduled. */
export function MaintenanceStateBadge({ state }: { state: MaintenanceState }) {
  return <Badge look={maintenanceLook[state]}>{maintenanceWords[state]}</Badge>;
}

/** An incident's current status, e.g. ◆ Identified: the first thing its page says. */
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge look={incidentStatusLook[status]}>{incidentStatusWords[status]}</Badge>;
}
