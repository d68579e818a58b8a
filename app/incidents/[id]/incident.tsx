import { markdownToText, type Content, type Incident } from '@/lib/content';
import type { PageKind } from '@/lib/publish/metadata';
import {
  formatDuration,
  incidentComponentStatuses,
  incidentDurationMs,
  incidentStatusWords,
  isOpen,
  latestUpdate,
  publishedUpdates,
  worstComponentStatuses,
} from '@/lib/status';
import { ComponentStatusBadge, ImpactBadge } from '../../_components/badges';
import { Time } from '../../_components/time';
import { DetailsSection, UpdatesSection } from '../../_components/timeline';

/**
 * An incident page's content, shared by the two ways it is made: Next renders the page of the newest incident
 * (`page.tsx`), and the build stamps every other incident's page from that one (lib/build/stamp.ts), because
 * Next's ~20 ms per page was most of a build at thousands of incidents.
 */

export type IncidentProps = { incident: Incident; content: Content; now: Date };

/** What the page's head says: its title, a description from the latest update, its own image. */
export function incidentPageKind(incident: Incident, now: Date): PageKind & { title: string; description: string } {
  const description = markdownToText(latestUpdate(incident, now).message).slice(0, 200);
  return { title: incident.title, description, incidentId: incident.id };
}

/** One incident: impact, affected components, the whole timeline, its duration once resolved, the postmortem. */
export function IncidentArticle({ incident, content, now }: IncidentProps) {
  const updates = publishedUpdates(incident, now);
  const open = isOpen(incident, now);
  const statuses = open ? incidentComponentStatuses(incident, now) : worstComponentStatuses(incident, now);
  const affected = content.site.components.filter((c) => statuses[c.id]);
  return (
    <article>
      <h1>{incident.title}</h1>
      <p className="meta">
        <ImpactBadge impact={incident.impact} />
        <strong>{incidentStatusWords[updates.at(-1)!.status]}</strong>
      </p>
      <dl className="facts">
        <dt>Began</dt>
        <dd>
          <Time iso={incident.began} />
        </dd>
        {!open && incident.resolvedAt && (
          <>
            <dt>Resolved</dt>
            <dd>
              <Time iso={incident.resolvedAt} />
            </dd>
            <dt>Duration</dt>
            <dd>{formatDuration(incidentDurationMs(incident, now))}</dd>
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
                  <ComponentStatusBadge status={statuses[c.id]!} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <UpdatesSection entries={updates.map((u) => ({ key: u.at + u.status, title: incidentStatusWords[u.status], at: u.at, message: u.message }))} />

      {incident.body && <DetailsSection title={updates.some((u) => u.status === 'postmortem') ? 'Postmortem' : 'Details'} body={incident.body} />}
    </article>
  );
}
