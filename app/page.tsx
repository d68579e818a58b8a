import { Fragment } from 'react';
import { siteData } from '@/lib/site-data';
import { indicatorLook } from './_components/badges';
import { ComponentRow } from './_components/component-row';
import { Icon } from './_components/icons';
import { IncidentCard, MaintenanceCard } from './_components/summaries';
import { LiveLooks } from './_components/live-looks';
import { Time } from './_components/time';
import { UptimeBars } from './_components/uptime-bars';

/** The status page: the overall banner, what is happening now and next, and every component. */
export default function HomePage() {
  const data = siteData();
  const { content, status, now } = data;
  const { site } = content;
  const [tone, icon] = status.stale && status.indicator === 'none' ? (['neutral', 'unknown'] as const) : indicatorLook[status.indicator];
  const componentList = (states: (typeof status.sections)[number]['components']) => (
    <ul className="components">
      {states.map((state) => (
        <ComponentRow key={state.component.id} state={state}>
          <UptimeBars data={data} componentId={state.component.id} />
        </ComponentRow>
      ))}
    </ul>
  );
  return (
    <>
      <h1>{site.name}</h1>
      {site.description && <p className="lede">{site.description}</p>}

      {/* data-live: the hooks public/outpost.js updates from /status.json between builds. */}
      <section className={`banner tone-${tone}`} aria-labelledby="overall" data-live="banner">
        <h2 id="overall">
          <Icon name={icon} />
          {status.description}
        </h2>
        <p data-live="generated">
          Page generated <Time iso={status.at} relative />
        </p>
      </section>

      {/* Rendered even when empty (hidden), so an incident or window published after the build has a place. */}
      <section aria-labelledby="incidents" data-live="incidents" hidden={status.openIncidents.length === 0}>
        <h2 id="incidents">Current incidents</h2>
        {status.openIncidents.map((incident) => (
          <IncidentCard key={incident.id} incident={incident} now={now} />
        ))}
      </section>

      <section aria-labelledby="maintenance" data-live="maintenance" hidden={status.activeMaintenance.length + status.upcomingMaintenance.length === 0}>
        <h2 id="maintenance">Maintenance</h2>
        {[...status.activeMaintenance, ...status.upcomingMaintenance].map((window) => (
          <MaintenanceCard key={window.id} window={window} now={now} />
        ))}
      </section>

      <section aria-labelledby="components">
        <h2 id="components">Components</h2>
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

      <p>
        <a href="/history">Past incidents and maintenance</a>
      </p>
      <LiveLooks />
    </>
  );
}
