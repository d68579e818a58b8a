import { Fragment } from 'react';
import { words } from '@/lib/i18n';
import type { SiteData } from '@/lib/site-data';
import { incidentAt, maintenanceAt, pageLook, pollSeconds } from '@/lib/status';
import { CheckedLine, staleAttribute } from '../components/checked';
import { componentNames } from '../components/component-links';
import { ComponentRow } from '../components/component-row';
import { Icon } from '../components/icons';
import { PastDays } from '../components/past-days';
import { Providers } from '../components/providers';
import { IncidentCard, MaintenanceCard } from '../components/summaries';
import { barsOf, UptimeBars } from '../components/uptime-bars';

/** The status page: the overall banner, what is happening now and next, every component, the past days. */
export function HomePage({ data }: { data: SiteData }) {
  const { content, status, now } = data;
  const { site } = content;
  const w = words(site.language);
  const components = componentNames(site);
  const look = pageLook(status, w);
  const windows = [...status.activeMaintenance, ...status.upcomingMaintenance];
  const componentList = (states: (typeof status.sections)[number]['components']) => (
    <ul className="components">
      {states.map((state) => (
        <ComponentRow key={state.component.id} state={state} w={w}>
          <UptimeBars bars={barsOf(data, state.component.id)} w={w} />
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
        {status.openIncidents.length > 0 && (
          <section aria-labelledby="incidents">
            <h2 id="incidents">{w.t('home.incidents')}</h2>
            {status.openIncidents.map((incident) => (
              <IncidentCard key={incident.id} at={incidentAt(incident, now)} components={components} w={w} />
            ))}
          </section>
        )}
        {windows.length > 0 && (
          <section aria-labelledby="maintenance">
            <h2 id="maintenance">{w.t('home.maintenance')}</h2>
            {windows.map((window) => (
              <MaintenanceCard key={window.id} at={maintenanceAt(window, now)} components={components} w={w} />
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

      <Providers upstream={(data.monitor?.upstream ?? []).filter((u) => u.componentId === null)} w={w} />

      <PastDays content={content} now={now} components={components} w={w} />
    </>
  );
}
