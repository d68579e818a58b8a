import { words, type Lang, type Words } from '@/lib/i18n';
import type { SiteData } from '@/lib/site-data';
import { componentLook, hasBegun, incidentAt, incidentsAffecting, maintenanceAt, pollSeconds, type ComponentState, type IncidentAt, type MaintenanceAt, type SiteStatus, type UpstreamState } from '@/lib/status';
import { StatusLine } from '../components/badges';
import { CheckedLine, staleAttribute } from '../components/checked';
import { componentNames, type ComponentName } from '../components/component-links';
import { ComponentFlags } from '../components/component-row';
import { LatencyChart, latencyOf, type LatencyView } from '../components/latency-chart';
import { outagesOf, RecentOutages, type OutageLine } from '../components/recent-outages';
import { IncidentLine, MaintenanceLine } from '../components/summaries';
import { Providers, ReportLinks } from '../components/providers';
import { Say } from '../components/say';
import { barsOf, UptimeBars, type BarsView } from '../components/uptime-bars';
import type { Period } from '@/lib/reports';
import { periodsOf } from '../views';

/** How many incidents and windows a component page lists; older ones are in the history. */
const listLength = 20;

/**
 * What a component's page shows, as of one SiteData: its status, bars, latency and outages as they read, its newest
 * incidents and windows. A page is made again only when this changed: between two pinger rounds, most
 * components' pages of a large site did not.
 */
export type ComponentPageInput = {
  state: ComponentState;
  /** Its group's name, if in one. */
  group: string | null;
  /** "Checked …" (null for a component without checks). */
  checked: Pick<SiteStatus, 'checkedAt' | 'stale' | 'at'> | null;
  poll: number;
  /** The site's host, for the calendar's webcal:// link. */
  host: string;
  lang: Lang;
  bars: BarsView;
  reports: string[];
  upstream: UpstreamState[];
  /** Latency and outages, for a component with checks. */
  latency: LatencyView | null;
  outages: OutageLine[] | null;
  incidents: { count: number; newest: IncidentAt[] };
  windows: { count: number; newest: MaintenanceAt[] };
  components: ComponentName[];
};

/** The input of `componentId`'s page. */
export function componentPageInput(data: SiteData, componentId: string): ComponentPageInput {
  const { content, now, status } = data;
  const state = status.components.find((c) => c.component.id === componentId)!;
  const { component } = state;
  const monitored = component.checks.length > 0;
  const checkedAt = state.monitor?.lastCheckedAt ?? null;
  const incidents = incidentsAffecting(content.incidents, componentId).filter((i) => hasBegun(i, now));
  const windows = content.maintenance.filter((m) => m.components.includes(componentId)).toReversed();
  return {
    state,
    group: content.site.groups.find((g) => g.id === component.group)?.name ?? null,
    // The SiteData's moment only where it is shown ("Updated …", nothing checked yet): it is new for every publish.
    checked: monitored ? { checkedAt, stale: state.stale, at: checkedAt ?? status.at } : null,
    poll: pollSeconds(content.site),
    host: new URL(content.site.url).host,
    lang: content.site.language,
    bars: barsOf(data, componentId),
    reports: recentReports(periodsOf(data)),
    upstream: (data.monitor?.upstream ?? []).filter((u) => u.componentId === componentId),
    latency: monitored ? latencyOf(data, componentId) : null,
    outages: monitored ? outagesOf(data, componentId) : null,
    incidents: { count: incidents.length, newest: incidents.slice(0, listLength).map((i) => incidentAt(i, now)) },
    windows: { count: windows.length, newest: windows.slice(0, listLength).map((m) => maintenanceAt(m, now)) },
    components: componentNames(content.site),
  };
}

/** One component: its status and when it was checked, uptime, latency, outages, its recent incidents and maintenance. */
export function ComponentPage({ state, group, checked, poll, host, lang, bars, reports, upstream, latency, outages, incidents, windows, components }: ComponentPageInput) {
  const { component } = state;
  const w = words(lang);
  return (
    <>
      <h1>{component.name}</h1>
      <div data-live="status" data-poll={poll} {...staleAttribute(state.staleAt)}>
        <StatusLine look={componentLook(state, w)}>
          {group && (
            <span>
              <Say w={w} k="componentPage.partOf" vars={{ group: <>{group}</> }} />
            </span>
          )}
        </StatusLine>
        <ComponentFlags state={state} w={w} />
        {checked && <CheckedLine status={checked} w={w} />}
      </div>
      {component.description && <p className="lede">{component.description}</p>}
      <p className="meta">
        <span>
          <Say w={w} k="componentPage.follow" vars={{ component: <>{component.name}</> }} />
        </span>
        <a href={`/components/${component.id}/feed.xml`}>RSS</a>
        <a href={`webcal://${host}/components/${component.id}/maintenance.ics`}>{w.t('page.calendar')}</a>
        <a href={`/subscribe#subscribe-${component.id}`}>{w.t('componentPage.moreWays')}</a>
      </p>

      <section aria-labelledby="uptime" data-live="uptime">
        <h2 id="uptime">{w.t('page.uptime')}</h2>
        <UptimeBars bars={bars} w={w} />
        <ReportLinks labels={reports} w={w} />
      </section>

      <Providers title={w.t('componentPage.dependsOn')} upstream={upstream} w={w} />

      {latency && outages && (
        <>
          <section aria-labelledby="latency">
            <h2 id="latency">{w.t('componentPage.latency')}</h2>
            <LatencyChart latency={latency} w={w} />
          </section>

          <section aria-labelledby="outages" data-live="outages">
            <h2 id="outages">{w.t('componentPage.outages')}</h2>
            <RecentOutages outages={outages} w={w} />
          </section>
        </>
      )}

      <ListedSection id="incidents" title={w.t('componentPage.incidents')} count={incidents.count} none={w.t('componentPage.noIncidents')} w={w}>
        {incidents.newest.map((at) => (
          <IncidentLine key={at.incident.id} at={at} components={components} w={w} />
        ))}
      </ListedSection>
      <ListedSection id="maintenance" title={w.t('componentPage.maintenance')} count={windows.count} none={w.t('componentPage.noMaintenance')} w={w}>
        {windows.newest.map((at) => (
          <MaintenanceLine key={at.window.id} at={at} components={components} w={w} />
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
