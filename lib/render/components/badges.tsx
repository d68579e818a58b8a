import type { ComponentStatus, Impact, IncidentStatus } from '@/lib/content';
import type { Words } from '@/lib/i18n';
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
export function ComponentStatusBadge({ status, w }: { status: ComponentStatus; w: Words }) {
  return <Badge look={componentStatusLook(status, w)} />;
}

/** An incident's impact, e.g. ▲ Minor impact. */
export function ImpactBadge({ impact, w }: { impact: Impact; w: Words }) {
  return <Badge look={impactLook(impact, w)} />;
}

/** A maintenance window's state, e.g. ◷ Scheduled. */
export function MaintenanceStateBadge({ state, w }: { state: MaintenanceState; w: Words }) {
  return <Badge look={maintenanceLook(state, w)} />;
}

/** An incident's current status, e.g. ◆ Identified: the first thing its page says. */
export function IncidentStatusBadge({ status, w }: { status: IncidentStatus; w: Words }) {
  return <Badge look={incidentStatusLook(status, w)} />;
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
