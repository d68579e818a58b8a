import type { Incident, Maintenance } from '@/lib/content';
import {
  affectedComponentIds,
  formatDuration,
  incidentDurationMs,
  incidentStatusWords,
  isOpen,
  latestUpdate,
  maintenanceState,
} from '@/lib/status';
import { ImpactBadge, MaintenanceStateBadge } from './badges';
import { ComponentLinks } from './component-links';
import { Markdown } from './markdown';
import { Time } from './time';

/** An open incident as the home page shows it: title, impact, components and its latest update. */
export function IncidentCard({ incident, now }: { incident: Incident; now: Date }) {
  const latest = latestUpdate(incident, now);
  return (
    <article className="card" data-incident={incident.id}>
      <h3>
        <a href={`/incidents/${incident.id}`}>{incident.title}</a>
      </h3>
      <p className="meta">
        <ImpactBadge impact={incident.impact} />
        <Affects ids={affectedComponentIds(incident)} />
      </p>
      <p className="meta">
        <strong data-live="status">{incidentStatusWords[latest.status]}</strong> <Time iso={latest.at} relative />
      </p>
      <Markdown text={latest.message} headingLevel={4} />
    </article>
  );
}

/** A maintenance window as the home page shows it: title, state, window, components and description. */
export function MaintenanceCard({ window, now }: { window: Maintenance; now: Date }) {
  return (
    <article className="card" data-maintenance={window.id}>
      <h3>
        <a href={`/maintenance/${window.id}`}>{window.title}</a>
      </h3>
      <p className="meta">
        <MaintenanceStateBadge state={maintenanceState(window, now)} />
        <Window window={window} />
        <Affects ids={window.components} />
      </p>
      {window.description && <Markdown text={window.description} headingLevel={4} />}
    </article>
  );
}

/** One line of a list of incidents (history, component page). */
export function IncidentLine({ incident, now }: { incident: Incident; now: Date }) {
  const open = isOpen(incident, now);
  return (
    <li className="line">
      <a href={`/incidents/${incident.id}`}>{incident.title}</a>
      <span className="meta">
        <ImpactBadge impact={incident.impact} />
        <span>
          {open ? `${incidentStatusWords[latestUpdate(incident, now).status]} since ` : 'Began '}
          <Time iso={incident.began} />
          {!open && `, lasted ${formatDuration(incidentDurationMs(incident, now))}`}
        </span>
        <Affects ids={affectedComponentIds(incident)} />
      </span>
    </li>
  );
}

/** One line of a list of maintenance windows (history, component page). */
export function MaintenanceLine({ window, now }: { window: Maintenance; now: Date }) {
  return (
    <li className="line">
      <a href={`/maintenance/${window.id}`}>{window.title}</a>
      <span className="meta">
        <MaintenanceStateBadge state={maintenanceState(window, now)} />
        <Window window={window} />
        <Affects ids={window.components} />
      </span>
    </li>
  );
}

/** `23 Nov 2026, 11:00 UTC to 23 Nov 2026, 14:00 UTC (3 h)` */
export function Window({ window }: { window: Maintenance }) {
  return (
    <span>
      <Time iso={window.start} /> to <Time iso={window.end} /> {`(${formatDuration(Date.parse(window.end) - Date.parse(window.start))})`}
    </span>
  );
}

function Affects({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return (
    <span>
      Affects <ComponentLinks ids={ids} />
    </span>
  );
}
