import { words, type Lang } from '@/lib/i18n';
import { incidentStatusLook, type IncidentAt } from '@/lib/status';
import { ComponentStatusBadge, ImpactBadge, StatusLine } from '../components/badges';
import type { ComponentName } from '../components/component-links';
import { Say } from '../components/say';
import { Time } from '../components/time';
import { DetailsSection, UpdatesSection } from '../components/timeline';

/** One incident: its status now (most prominent), impact, affected components, the whole timeline, its duration once resolved, the postmortem. */
export function IncidentPage({ at, components, poll, lang }: { at: IncidentAt; components: readonly ComponentName[]; poll: number; lang: Lang }) {
  const w = words(lang);
  const { incident, updates, open } = at;
  const latest = updates.at(-1)!;
  const affected = components.filter((c) => at.componentStatuses[c.id]);
  return (
    <article data-live="incident" data-poll={poll}>
      <h1>{incident.title}</h1>
      <StatusLine look={incidentStatusLook(latest.status, w)}>
        <span>{open ? <Say w={w} k="page.since" vars={{ time: <Time iso={at.statusSince} w={w} /> }} /> : <Time iso={latest.at} w={w} />}</span>
      </StatusLine>
      <dl className="facts">
        <dt>{w.t('incidentPage.impact')}</dt>
        <dd>
          <ImpactBadge impact={incident.impact} w={w} />
        </dd>
        <dt>{w.t('incidentPage.began')}</dt>
        <dd>
          <Time iso={incident.began} w={w} />
        </dd>
        {at.durationMs !== null && incident.resolvedAt && (
          <>
            <dt>{w.t('incidentPage.resolved')}</dt>
            <dd>
              <Time iso={incident.resolvedAt} w={w} />
            </dd>
            <dt>{w.t('incidentPage.duration')}</dt>
            <dd>{w.duration(at.durationMs)}</dd>
          </>
        )}
      </dl>

      {affected.length > 0 && (
        <section aria-labelledby="affected">
          <h2 id="affected">{w.t('incidentPage.affected')}</h2>
          <p className="muted">{w.t(open ? 'incidentPage.affectedNow' : 'incidentPage.affectedWorst')}</p>
          <ul className="components">
            {affected.map((c) => (
              <li key={c.id} className="component">
                <div className="component-head">
                  <a href={`/components/${c.id}`}>{c.name}</a>
                  <ComponentStatusBadge status={at.componentStatuses[c.id]!} w={w} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <UpdatesSection
        entries={updates.map((u) => ({ key: u.at + u.status, title: w.t(`incident.${u.status}`), look: incidentStatusLook(u.status, w), at: u.at, message: u.message }))}
        w={w}
      />

      {incident.body && <DetailsSection title={w.t(updates.some((u) => u.status === 'postmortem') ? 'incident.postmortem' : 'page.details')} body={incident.body} />}
    </article>
  );
}
