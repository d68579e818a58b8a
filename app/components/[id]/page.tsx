import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { pageTitle, publishMetadata } from '@/lib/publish/metadata';
import { siteData } from '@/lib/site-data';
import { affectedComponentIds } from '@/lib/status';
import { ComponentFlags, ComponentStateBadge } from '../../_components/component-row';
import { LatencyChart } from '../../_components/latency-chart';
import { RecentOutages } from '../../_components/recent-outages';
import { IncidentLine, MaintenanceLine } from '../../_components/summaries';
import { UptimeBars } from '../../_components/uptime-bars';

type Props = { params: Promise<{ id: string }> };

/** How many incidents and windows a component page lists; older ones are in the history. */
const listLength = 20;

export const dynamicParams = false;

export function generateStaticParams() {
  return siteData().content.site.components.map((c) => ({ id: c.id }));
}

function stateOf(id: string) {
  return siteData().status.components.find((c) => c.component.id === id) ?? notFound();
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { component } = stateOf((await params).id);
  const page = { componentId: component.id, title: component.name, description: component.description };
  const { site } = siteData().content;
  return { title: { absolute: pageTitle(site, component.name) }, description: component.description, ...publishMetadata(site, page) };
}

/** One component: its status, description, and its recent incidents and maintenance. */
export default async function ComponentPage({ params }: Props) {
  const state = stateOf((await params).id);
  const { component } = state;
  const data = siteData();
  const { content, now } = data;
  const group = content.site.groups.find((g) => g.id === component.group);
  const incidents = content.incidents.filter((i) => Date.parse(i.began) <= now.getTime() && affectedComponentIds(i).includes(component.id));
  const windows = content.maintenance.filter((m) => m.components.includes(component.id)).toReversed();
  return (
    <>
      <h1>{component.name}</h1>
      <div className="meta">
        <ComponentStateBadge state={state} />
        {group && <span>Part of {group.name}</span>}
      </div>
      <ComponentFlags state={state} />
      {component.description && <p className="lede">{component.description}</p>}

      <section aria-labelledby="uptime">
        <h2 id="uptime">Uptime</h2>
        <UptimeBars data={data} componentId={component.id} />
      </section>

      {component.checks.length > 0 && (
        <>
          <section aria-labelledby="latency">
            <h2 id="latency">Response time</h2>
            <LatencyChart data={data} componentId={component.id} />
          </section>

          <section aria-labelledby="outages">
            <h2 id="outages">Recent outages</h2>
            <RecentOutages data={data} componentId={component.id} />
          </section>
        </>
      )}

      <section aria-labelledby="incidents">
        <h2 id="incidents">Incidents</h2>
        <Listed count={incidents.length} none="No incidents have affected this component.">
          {incidents.slice(0, listLength).map((incident) => (
            <IncidentLine key={incident.id} incident={incident} now={now} />
          ))}
        </Listed>
      </section>

      <section aria-labelledby="maintenance">
        <h2 id="maintenance">Maintenance</h2>
        <Listed count={windows.length} none="No maintenance has been planned for this component.">
          {windows.slice(0, listLength).map((window) => (
            <MaintenanceLine key={window.id} window={window} now={now} />
          ))}
        </Listed>
      </section>
    </>
  );
}

/** A list of the newest `listLength`, a note when there is nothing, and a pointer to the rest. */
function Listed({ count, none, children }: { count: number; none: string; children: React.ReactNode }) {
  if (count === 0) return <p className="muted">{none}</p>;
  return (
    <>
      <ul className="lines">{children}</ul>
      {count > listLength && (
        <p>
          {count - listLength} older in the <a href="/history">history</a>.
        </p>
      )}
    </>
  );
}
