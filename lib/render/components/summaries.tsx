import type { Maintenance } from '@/lib/content';
import type { Words } from '@/lib/i18n';
import { affectedComponentIds, impactLook, maintenanceLook, type IncidentAt, type MaintenanceAt } from '@/lib/status';
import { ImpactBadge, IncidentStatusBadge, MaintenanceStateBadge } from './badges';
import { ComponentLinks, type ComponentName } from './component-links';
import { Markdown } from './markdown';
import { Say } from './say';
import { Time } from './time';
import { msOf } from '@/lib/shared/time';

/** An open incident as the home page shows it: title, its status now and since when, impact, components and its latest update. */
export function IncidentCard({ at, components, w }: { at: IncidentAt; components: readonly ComponentName[]; w: Words }) {
  const { incident } = at;
  const latest = at.updates.at(-1)!;
  return (
    <article className={`card tone-${impactLook(incident.impact, w).tone}`} data-incident={incident.id}>
      <h3>
        <a href={`/incidents/${incident.id}`}>{incident.title}</a>
      </h3>
      <p className="meta">
        <IncidentStatusBadge status={latest.status} w={w} />
        <Time iso={latest.at} w={w} relative />
        <ImpactBadge impact={incident.impact} w={w} />
        <Affects ids={affectedComponentIds(incident)} components={components} w={w} />
      </p>
      <Markdown text={latest.message} headingLevel={4} />
    </article>
  );
}

/** A maintenance window as the home page shows it: title, state, window, components and description. */
export function MaintenanceCard({ at, components, w }: { at: MaintenanceAt; components: readonly ComponentName[]; w: Words }) {
  const { window } = at;
  return (
    <article className={`card tone-${maintenanceLook(at.state, w).tone}`} data-maintenance={window.id}>
      <h3>
        <a href={`/maintenance/${window.id}`}>{window.title}</a>
      </h3>
      <p className="meta">
        <MaintenanceStateBadge state={at.state} w={w} />
        <Window window={window} w={w} />
        <Affects ids={window.components} components={components} w={w} />
      </p>
      {window.description && <Markdown text={window.description} headingLevel={4} />}
    </article>
  );
}

/** One line of a list of incidents (history, component page): open ones say since when their status holds. */
export function IncidentLine({ at, components, w }: { at: IncidentAt; components: readonly ComponentName[]; w: Words }) {
  const { incident } = at;
  return (
    <li className="line">
      <a href={`/incidents/${incident.id}`}>{incident.title}</a>
      <span className="meta">
        <ImpactBadge impact={incident.impact} w={w} />
        <span>
          {at.durationMs === null ? (
            <Say w={w} k="page.began" vars={{ time: <Time iso={incident.began} w={w} /> }} />
          ) : (
            <Say w={w} k="page.beganLasted" vars={{ time: <Time iso={incident.began} w={w} />, duration: w.duration(at.durationMs) }} />
          )}
        </span>
        {at.open && (
          <span>
            <IncidentStatusBadge status={at.updates.at(-1)!.status} w={w} />
            <Say w={w} k="page.since" vars={{ time: <Time iso={at.statusSince} w={w} /> }} before=" " />
          </span>
        )}
        <Affects ids={affectedComponentIds(incident)} components={components} w={w} />
      </span>
    </li>
  );
}

/** One line of a list of maintenance windows (history, component page). */
export function MaintenanceLine({ at, components, w }: { at: MaintenanceAt; components: readonly ComponentName[]; w: Words }) {
  const { window } = at;
  return (
    <li className="line">
      <a href={`/maintenance/${window.id}`}>{window.title}</a>
      <span className="meta">
        <MaintenanceStateBadge state={at.state} w={w} />
        <Window window={window} w={w} />
        <Affects ids={window.components} components={components} w={w} />
      </span>
    </li>
  );
}

/** `23 Nov 2026, 11:00 UTC to 23 Nov 2026, 14:00 UTC (3 h)` */
export function Window({ window, w }: { window: Maintenance; w: Words }) {
  const duration = w.t('page.windowLength', { duration: w.duration(msOf(window.end) - msOf(window.start)) });
  return (
    <span>
      <Say w={w} k="page.window" vars={{ start: <Time iso={window.start} w={w} />, end: <Time iso={window.end} w={w} />, duration: <>{duration}</> }} />
    </span>
  );
}

function Affects({ ids, components, w }: { ids: readonly string[]; components: readonly ComponentName[]; w: Words }) {
  if (ids.length === 0) return null;
  return (
    <span>
      <Say w={w} k="page.affects" vars={{ components: <ComponentLinks ids={ids} components={components} w={w} /> }} />
    </span>
  );
}
