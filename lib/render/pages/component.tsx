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
  const components = componentNames(content.site);
  const group = content.site.groups.find((g) => g.id === component.group);
  const incidents = incidentsAffecting(content.incidents, component.id).filter((i) => hasBegun(i, now));
  const windows = content.maintenance.filter((m) => m.components.includes(component.id)).toReversed();
  return (
    <>
      <h1>{component.name}</h1>
      <div data-live="status" data-poll={pollSeconds(content.site)} {...staleAttribute(state.staleAt)}>
        <StatusLine look={componentLook(state)}>{group && <span>Part of {group.name}</span>}</StatusLine>
        <ComponentFlags state={state} />
        {component.checks.length > 0 && (
          <CheckedLine status={{ at: status.at, checkedAt: state.monitor?.lastCheckedAt ?? null, stale: state.stale }} />
        )}
      </div>
      {component.description && <p className="lede">{component.description}</p>}
      <p className="meta">
        <span>Follow {component.name}:</span>
        <a href={`/components/${component.id}/feed.xml`}>RSS</a>
        <a href={`webcal://${new URL(content.site.url).host}/components/${component.id}/maintenance.ics`}>Maintenance calendar</a>
        <a href={`/subscribe#subscribe-${component.id}`}>More ways</a>
      </p>

      <section aria-labelledby="uptime" data-live="uptime">
        <h2 id="uptime">Uptime</h2>
        <UptimeBars data={data} componentId={component.id} />
        <ReportLinks labels={recentReports(periodsOf(data))} />
      </section>

      <Providers title="Depends on" upstream={(data.monitor?.upstream ?? []).filter((u) => u.componentId === component.id)} />

      {component.checks.length > 0 && (
        <>
          <section aria-labelledby="latency">
            <h2 id="latency">Response time</h2>
            <LatencyChart data={data} componentId={component.id} />
          </section>

          <section aria-labelledby="outages" data-live="outages">
            <h2 id="outages">Recent outages</h2>
            <RecentOutages data={data} componentId={component.id} />
          </section>
        </>
      )}

      <ListedSection id="incidents" title="Incidents" count={incidents.length} none="No incidents have affected this component.">
        {incidents.slice(0, listLength).map((incident) => (
          <IncidentLine key={incident.id} at={incidentAt(incident, now)} components={components} />
        ))}
      </ListedSection>
      <ListedSection id="maintenance" title="Maintenance" count={windows.length} none="No maintenance has been planned for this component.">
        {windows.slice(0, listLength).map((window) => (
          <MaintenanceLine key={window.id} at={maintenanceAt(window, now)} components={components} />
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
function ListedSection({ id, title, count, none, children }: { id: string; title: string; count: number; none: string; children: React.ReactNode }) {
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
              {count - listLength} older in the <a href="/history">history</a>.
            </p>
          )}
        </>
      )}
    </section>
  );
}
