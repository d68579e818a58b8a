import type { Maintenance } from '@/lib/content';
import { affectedComponentIds, formatDuration, impactLook, maintenanceLook, type IncidentAt, type MaintenanceAt } from '@/lib/status';
import { ImpactBadge, IncidentStatusBadge, MaintenanceStateBadge } from './badges';
import { ComponentLinks, type ComponentName } from './component-links';
import { Markdown } from './markdown';
import { Time } from './time';

/** An open incident as the home page shows it: title, its status now and since when, impact, components and its latest update. */
export function IncidentCard({ at, components }: { at: IncidentAt; components: readonly ComponentName[] }) {
  const { incident } = at;
  const latest = at.updates.at(-1)!;
  return (
    <article className={`card tone-${impactLook(incident.impact).tone}`} data-incident={incident.id}>
      <h3>
        <a href={`/incidents/${incident.id}`}>{incident.title}</a>
      </h3>
      <p className="meta">
        <IncidentStatusBadge status={latest.status} />
        <Time iso={latest.at} relative />
        <ImpactBadge impact={incident.impact} />
        <Affects ids={affectedComponentIds(incident)} components={components} />
      </p>
      <Markdown text={latest.message} headingLevel={4} />
    </article>
  );
}

/** A maintenance window as the home page shows it: title, state, window, components and description. */
export function MaintenanceCard({ at, components }: { at: MaintenanceAt; components: readonly ComponentName[] }) {
  const { window } = at;
  return (
    <article className={`card tone-${maintenanceLook(at.state).tone}`} data-maintenance={window.id}>
      <h3>
        <a href={`/maintenance/${window.id}`}>{window.title}</a>
      </h3>
      <p className="meta">
        <MaintenanceStateBadge state={at.state} />
        <Window window={window} />
        <Affects ids={window.components} components={components} />
      </p>
      {window.description && <Markdown text={window.description} headingLevel={4} />}
    </article>
  );
}

/** One line of a list of incidents (history, component page): open ones say since when their status holds. */
export function IncidentLine({ at, components }: { at: IncidentAt; components: readonly ComponentName[] }) {
  const { incident } = at;
  return (
    <li className="line">
      <a href={`/incidents/${incident.id}`}>{incident.title}</a>
      <span className="meta">
        <ImpactBadge impact={incident.impact} />
        <span>
          Began <Time iso={incident.began} />
          {at.durationMs !== null && `, lasted ${formatDuration(at.durationMs)}`}
        </span>
        {at.open && (
          <span>
            <IncidentStatusBadge status={at.updates.at(-1)!.status} />
            {' since '}
            <Time iso={at.statusSince} />
          </span>
        )}
        <Affects ids={affectedComponentIds(incident)} components={components} />
      </span>
    </li>
  );
}

/** One line of a list of maintenance windows (history, component page). */
export function MaintenanceLine({ at, components }: { at: MaintenanceAt; components: readonly ComponentName[] }) {
  const { window } = at;
  return (
    <li className="line">
      <a href={`/maintenance/${window.id}`}>{window.title}</a>
      <span className="meta">
        <MaintenanceStateBadge state={at.state} />
        <Window window={window} />
        <Affects ids={window.components} components={components} />
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

function Affects({ ids, components }: { ids: readonly string[]; components: readonly ComponentName[] }) {
  if (ids.length === 0) return null;
  return (
    <span>
      Affects <ComponentLinks ids={ids} components={components} />
    </span>
  );
}
