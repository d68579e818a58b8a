import type { ComponentStatus, Impact, IncidentStatus } from '@/lib/content';
import { componentStatusLook, impactLook, incidentStatusLook, maintenanceLook, type Look, type MaintenanceState } from '@/lib/status';
import { Icon } from './icons';

/** A status as lib/status/looks.ts decides it: icon and words in one tone. */
export function Badge({ look }: { look: Look }) {
  return (
    <span className={`badge tone-${look.tone}`}>
      <Icon name={look.icon} />
      {look.words}
    </span>
  );
}

/** A component's status, e.g. ◆ Partial outage. */
export function ComponentStatusBadge({ status }: { status: ComponentStatus }) {
  return <Badge look={componentStatusLook(status)} />;
}

/** An incident's impact, e.g. ▲ Minor impact. */
export function ImpactBadge({ impact }: { impact: Impact }) {
  return <Badge look={impactLook(impact)} />;
}

/** A maintenance window's state, e.g. ◷ Scheduled. */
export function MaintenanceStateBadge({ state }: { state: MaintenanceState }) {
  return <Badge look={maintenanceLook(state)} />;
}

/** An incident's current status, e.g. ◆ Identified: the first thing its page says. */
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <Badge look={incidentStatusLook(status)} />;
}

/**
 * What a page about one thing says first: its status now, in full colour (icon and white words on the status's
 * colour), with `children` (since when, what it is part of) beside it in the same panel.
 */
export function StatusLine({ look, children }: { look: Look; children?: React.ReactNode }) {
  return (
    <div className={`status-line tone-${look.tone}`}>
      <Badge look={look} />
      {children}
    </div>
  );
}
