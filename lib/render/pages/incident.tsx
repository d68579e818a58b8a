import { incidentStatusLook, incidentStatusWords, type IncidentAt } from '@/lib/status';
import { ComponentStatusBadge, ImpactBadge, StatusLine } from '../components/badges';
import type { ComponentName } from '../components/component-links';
import { Time } from '../components/time';
import { DetailsSection, UpdatesSection } from '../components/timeline';
import { formatDuration } from '@/lib/status';

/** One incident: its status now (most prominent), impact, affected components, the whole timeline, its duration once resolved, the postmortem. */
export function IncidentPage({ at, components, poll }: { at: IncidentAt; components: readonly ComponentName[]; poll: number }) {
  const { incident, updates, open } = at;
  const latest = updates.at(-1)!;
  const affected = components.filter((c) => at.componentStatuses[c.id]);
  return (
    <article data-live="incident" data-poll={poll}>
      <h1>{incident.title}</h1>
      <StatusLine look={incidentStatusLook(latest.status)}>
        <span>
          {open ? 'since ' : ''}
          <Time iso={open ? at.statusSince : latest.at} />
        </span>
      </StatusLine>
      <dl className="facts">
        <dt>Impact</dt>
        <dd>
          <ImpactBadge impact={incident.impact} />
        </dd>
        <dt>Began</dt>
        <dd>
          <Time iso={incident.began} />
        </dd>
        {at.durationMs !== null && incident.resolvedAt && (
          <>
            <dt>Resolved</dt>
            <dd>
              <Time iso={incident.resolvedAt} />
            </dd>
            <dt>Duration</dt>
            <dd>{formatDuration(at.durationMs)}</dd>
          </>
        )}
      </dl>

      {affected.length > 0 && (
        <section aria-labelledby="affected">
          <h2 id="affected">Affected components</h2>
          <p className="muted">{open ? 'Their status now, as this incident reports it.' : 'The worst status each reached during the incident.'}</p>
          <ul className="components">
            {affected.map((c) => (
              <li key={c.id} className="component">
                <div className="component-head">
                  <a href={`/components/${c.id}`}>{c.name}</a>
                  <ComponentStatusBadge status={at.componentStatuses[c.id]!} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <UpdatesSection entries={updates.map((u) => ({ key: u.at + u.status, title: incidentStatusWords[u.status], look: incidentStatusLook(u.status), at: u.at, message: u.message }))} />

      {incident.body && <DetailsSection title={updates.some((u) => u.status === 'postmortem') ? 'Postmortem' : 'Details'} body={incident.body} />}
    </article>
  );
}
