import type { Metadata } from 'next';
import { markdownToText } from '@/lib/content';
import { hasOwnImage, publishMetadata } from '@/lib/publish/metadata';
import { siteData } from '@/lib/site-data';
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
import { Markdown } from '../../_components/markdown';
import { idParams, placeholderMetadata } from '../../_components/static-params';
import { Time } from '../../_components/time';
import NotFound from '../../not-found';

type Props = { params: Promise<{ id: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return idParams(siteData().content.incidents.map((i) => i.id));
}

function incidentOf(id: string) {
  return siteData().content.incidents.find((i) => i.id === id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const incident = incidentOf((await params).id);
  if (!incident) return placeholderMetadata;
  const description = markdownToText(latestUpdate(incident, siteData().now).message).slice(0, 200);
  const image = hasOwnImage(incident, siteData().now) ? { incidentId: incident.id } : {};
  return { title: incident.title, description, ...publishMetadata(siteData().content.site, { ...image, title: incident.title, description }) };
}

/** One incident: impact, affected components, the whole timeline, its duration once resolved, the postmortem. */
export default async function IncidentPage({ params }: Props) {
  const incident = incidentOf((await params).id);
  if (!incident) return <NotFound />;
  const { content, now } = siteData();
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

      <section aria-labelledby="updates">
        <h2 id="updates">Updates</h2>
        <ol className="timeline">
          {updates.toReversed().map((update) => (
            <li key={update.at + update.status}>
              <h3>{incidentStatusWords[update.status]}</h3>
              <p className="meta">
                <Time iso={update.at} />
              </p>
              <Markdown text={update.message} />
            </li>
          ))}
        </ol>
      </section>

      {incident.body && (
        <section aria-labelledby="details">
          <h2 id="details">{updates.some((u) => u.status === 'postmortem') ? 'Postmortem' : 'Details'}</h2>
          <Markdown text={incident.body} />
        </section>
      )}
    </article>
  );
}
