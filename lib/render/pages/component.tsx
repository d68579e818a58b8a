import { words, type Words } from '@/lib/i18n';
import type { SiteData } from '@/lib/site-data';
import { componentLook, hasBegun, incidentAt, incidentsAffecting, maintenanceAt, pollSeconds } from '@/lib/status';
import { StatusLine } from '../components/badges';
import { CheckedLine, staleAttribute } from '../components/checked';
import { componentNames } from '../components/component-links';
import { ComponentFlags } from '../components/component-row';
import { LatencyChart } from '../components/latency-chart';
import { RecentOutages } from '../components/recent-outages';
import { IncidentLine, MaintenanceLine } from '../components/summaries';
import { Providers, ReportLinks } from '../components/providers';
import { Say } from '../components/say';
import { UptimeBars } from '../components/uptime-bars';
import type { Period } from '@/lib/reports';
import { periodsOf } from '../views';

/** How many incidents and windows a component page lists; older ones are in the history. */
const listLength = 20;

/** One component: its status and when it was checked, uptime, latency, outages, its recent incidents and maintenance. */
export function ComponentPage({ data, componentId }: { data: SiteData; componentId: string }) {
  const { content, now, status } = data;
  const state = status.components.find((c) => c.component.id === componentId)!;
  const { component } = state;
  const w = words(content.site.language);
  const components = componentNames(content.site);
  const group = content.site.groups.find((g) => g.id === component.group);
  const incidents = incidentsAffecting(content.incidents, component.id).filter((i) => hasBegun(i, now));
  const windows = content.maintenance.filter((m) => m.components.includes(component.id)).toReversed();
  return (
    <>
      <h1>{component.name}</h1>
      <div data-live="status" data-poll={pollSeconds(content.site)} {...staleAttribute(state.staleAt)}>
        <StatusLine look={componentLook(state, w)}>
          {group && (
            <span>
              <Say w={w} k="componentPage.partOf" vars={{ group: <>{group.name}</> }} />
            </span>
          )}
        </StatusLine>
        <ComponentFlags state={state} w={w} />
        {component.checks.length > 0 && (
          <CheckedLine status={{ at: status.at, checkedAt: state.monitor?.lastCheckedAt ?? null, stale: state.stale }} w={w} />
        )}
      </div>
      {component.description && <p className="lede">{component.description}</p>}
      <p className="meta">
        <span>
          <Say w={w} k="componentPage.follow" vars={{ component: <>{component.name}</> }} />
        </span>
        <a href={`/components/${component.id}/feed.xml`}>RSS</a>
        <a href={`webcal://${new URL(content.site.url).host}/components/${component.id}/maintenance.ics`}>{w.t('page.calendar')}</a>
        <a href={`/subscribe#subscribe-${component.id}`}>{w.t('componentPage.moreWays')}</a>
      </p>

      <section aria-labelledby="uptime" data-live="uptime">
        <h2 id="uptime">{w.t('page.uptime')}</h2>
        <UptimeBars data={data} componentId={component.id} w={w} />
        <ReportLinks labels={recentReports(periodsOf(data))} w={w} />
      </section>

      <Providers title={w.t('componentPage.dependsOn')} upstream={(data.monitor?.upstream ?? []).filter((u) => u.componentId === component.id)} w={w} />

      {component.checks.length > 0 && (
        <>
          <section aria-labelledby="latency">
            <h2 id="latency">{w.t('componentPage.latency')}</h2>
            <LatencyChart data={data} componentId={component.id} w={w} />
          </section>

          <section aria-labelledby="outages" data-live="outages">
            <h2 id="outages">{w.t('componentPage.outages')}</h2>
            <RecentOutages data={data} componentId={component.id} w={w} />
          </section>
        </>
      )}

      <ListedSection id="incidents" title={w.t('componentPage.incidents')} count={incidents.length} none={w.t('componentPage.noIncidents')} w={w}>
        {incidents.slice(0, listLength).map((incident) => (
          <IncidentLine key={incident.id} at={incidentAt(incident, now)} components={components} w={w} />
        ))}
      </ListedSection>
      <ListedSection id="maintenance" title={w.t('componentPage.maintenance')} count={windows.length} none={w.t('componentPage.noMaintenance')} w={w}>
        {windows.slice(0, listLength).map((window) => (
          <MaintenanceLine key={window.id} at={maintenanceAt(window, now)} components={components} w={w} />
        ))}
      </ListedSection>
    </>
  );
}

/** The reports a component page links to: the newest two months, the newest quarter and year (all are in the history). */
function recentReports(periods: readonly Period[]): string[] {
  const of = (kind: Period['kind'], n: number) => periods.filter((p) => p.kind === kind).slice(0, n).map((p) => p.label);
  return [...of('month', 2), ...of('quarter', 1), ...of('year', 1)];
}

/** A live section listing the newest `listLength`, a note when there is nothing, and a pointer to the rest. */
function ListedSection({ id, title, count, none, w, children }: { id: string; title: string; count: number; none: string; w: Words; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} data-live={id}>
      <h2 id={id}>{title}</h2>
      {count === 0 ? (
        <p className="muted">{none}</p>
      ) : (
        <>
          <ul className="lines">{children}</ul>
          {count > listLength && (
            <p>
              <Say w={w} k="componentPage.older" vars={{ count: count - listLength, history: <a href="/history">{w.t('componentPage.olderLink')}</a> }} apart />
            </p>
          )}
        </>
      )}
    </section>
  );
}
