import { siteData } from '@/lib/site-data';
import { indicatorLook } from './_components/badges';
import { ComponentRow } from './_components/component-row';
import { Icon } from './_components/icons';
import { IncidentCard, MaintenanceCard } from './_components/summaries';
import { Time } from './_components/time';

/** The status page: the overall banner, what is happening now and next, and every component. */
export default function HomePage() {
  const { content, status, now } = siteData();
  const { site } = content;
  const [tone, icon] = status.stale && status.indicator === 'none' ? (['neutral', 'unknown'] as const) : indicatorLook[status.indicator];
  return (
    <>
      <h1>{site.name}</h1>
      {site.description && <p className="lede">{site.description}</p>}

      <section className={`banner tone-${tone}`} aria-labelledby="overall">
        <h2 id="overall">
          <Icon name={icon} />
          {status.description}
        </h2>
        <p>
          Page generated <Time iso={status.at} relative />
        </p>
      </section>

      {status.openIncidents.length > 0 && (
        <section aria-labelledby="incidents">
          <h2 id="incidents">Current incidents</h2>
          {status.openIncidents.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} now={now} />
          ))}
        </section>
      )}

      {status.activeMaintenance.length + status.upcomingMaintenance.length > 0 && (
        <section aria-labelledby="maintenance">
          <h2 id="maintenance">Maintenance</h2>
          {[...status.activeMaintenance, ...status.upcomingMaintenance].map((window) => (
            <MaintenanceCard key={window.id} window={window} now={now} />
          ))}
        </section>
      )}

      <section aria-labelledby="components">
        <h2 id="components">Components</h2>
        {status.sections.map(({ group, components }) =>
          group ? (
            <section key={group.id} className="group" aria-labelledby={`group-${group.id}`}>
              <h3 id={`group-${group.id}`}>{group.name}</h3>
              {group.description && <p className="muted">{group.description}</p>}
              <ul className="components">
                {components.map((state) => (
                  <ComponentRow key={state.component.id} state={state} />
                ))}
              </ul>
            </section>
          ) : (
            <ul key={components[0]!.component.id} className="components">
              {components.map((state) => (
                <ComponentRow key={state.component.id} state={state} />
              ))}
            </ul>
          ),
        )}
      </section>

      <p>
        <a href="/history">Past incidents and maintenance</a>
      </p>
    </>
  );
}
