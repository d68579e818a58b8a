import { Fragment } from 'react';
import { words } from '@/lib/i18n';
import type { SiteData } from '@/lib/site-data';
import type { Site } from '@/lib/content';
import { incidentAt, maintenanceAt, pageLook, pastDays, pollSeconds, type EntryAt, type IncidentAt, type MaintenanceAt, type SiteStatus, type UpstreamState } from '@/lib/status';
import { CheckedLine, staleAttribute } from '../components/checked';
import { componentNames } from '../components/component-links';
import { ComponentRow } from '../components/component-row';
import { Icon } from '../components/icons';
import { PastDays } from '../components/past-days';
import { Providers } from '../components/providers';
import { IncidentCard, MaintenanceCard } from '../components/summaries';
import { barsOf, UptimeBars, type BarsView } from '../components/uptime-bars';

/**
 * What the home page shows, as of one SiteData: the status with "Checked …", each component's bars as they read,
 * what is open and coming, the past days. Made again only when this changed: not when the clock alone moved on a
 * page whose figures it does not change.
 */
export type HomePageInput = {
  site: Site;
  status: SiteStatus;
  bars: Record<string, BarsView>;
  incidents: IncidentAt[];
  windows: MaintenanceAt[];
  upstream: UpstreamState[];
  pastDays: { date: string; entries: EntryAt[] }[];
};

/** The input of the home page. */
export function homePageInput(data: SiteData): HomePageInput {
  const { content, status, now } = data;
  return {
    site: content.site,
    // The SiteData's moment only where it is shown ("Updated …", nothing checked yet): it is new for every publish.
    status: { ...status, at: status.checkedAt ?? status.at },
    bars: Object.fromEntries(status.components.map(({ component }) => [component.id, barsOf(data, component.id)])),
    incidents: status.openIncidents.map((incident) => incidentAt(incident, now)),
    windows: [...status.activeMaintenance, ...status.upcomingMaintenance].map((window) => maintenanceAt(window, now)),
    upstream: (data.monitor?.upstream ?? []).filter((u) => u.componentId === null),
    pastDays: pastDays(content, now, content.site.pastDays),
  };
}

/** The status page: the overall banner, what is happening now and next, every component, the past days. */
export function HomePage({ site, status, bars, incidents, windows, upstream, pastDays }: HomePageInput) {
  const w = words(site.language);
  const components = componentNames(site);
  const look = pageLook(status, w);
  const componentList = (states: (typeof status.sections)[number]['components']) => (
    <ul className="components">
      {states.map((state) => (
        <ComponentRow key={state.component.id} state={state} w={w}>
          <UptimeBars bars={bars[state.component.id]!} w={w} />
        </ComponentRow>
      ))}
    </ul>
  );
  return (
    <>
      {/* The header names the site already: the heading is there for the outline, the banner is what people see first. */}
      <h1 className="sr-only">{site.name}</h1>
      {site.description && <p className="lede">{site.description}</p>}

      {/* data-live: the regions public/outpost.js replaces with the same region of the page as published now. */}
      <section className={`banner tone-${look.tone}`} aria-labelledby="overall" data-live="banner" data-poll={pollSeconds(site)} {...staleAttribute(status.staleAt)}>
        <h2 id="overall">
          <Icon name={look.icon} />
          {look.words}
        </h2>
        <CheckedLine status={status} w={w} />
      </section>

      <div data-live="now">
        {incidents.length > 0 && (
          <section aria-labelledby="incidents">
            <h2 id="incidents">{w.t('home.incidents')}</h2>
            {incidents.map((at) => (
              <IncidentCard key={at.incident.id} at={at} components={components} w={w} />
            ))}
          </section>
        )}
        {windows.length > 0 && (
          <section aria-labelledby="maintenance">
            <h2 id="maintenance">{w.t('home.maintenance')}</h2>
            {windows.map((at) => (
              <MaintenanceCard key={at.window.id} at={at} components={components} w={w} />
            ))}
          </section>
        )}
      </div>

      <section aria-labelledby="components" data-live="components">
        <h2 id="components">{w.t('home.components')}</h2>
        {status.sections.map(({ group, components }) =>
          group ? (
            <section key={group.id} className="group" aria-labelledby={`group-${group.id}`}>
              <h3 id={`group-${group.id}`}>{group.name}</h3>
              {group.description && <p className="muted">{group.description}</p>}
              {componentList(components)}
            </section>
          ) : (
            <Fragment key={components[0]!.component.id}>{componentList(components)}</Fragment>
          ),
        )}
      </section>

      <Providers upstream={upstream} w={w} />

      <PastDays days={pastDays} components={components} w={w} />
    </>
  );
}
