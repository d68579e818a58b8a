import type { Metadata } from 'next';
import { pageTitle } from '@/lib/publish/metadata';
import { siteData } from '@/lib/site-data';
import { maintenanceState, maintenanceWords } from '@/lib/status';
import { MaintenanceStateBadge } from '../../_components/badges';
import { ComponentLinks } from '../../_components/component-links';
import { Markdown } from '../../_components/markdown';
import { idParams, placeholderMetadata } from '../../_components/static-params';
import { Window } from '../../_components/summaries';
import { Time } from '../../_components/time';
import { DetailsSection, UpdatesSection } from '../../_components/timeline';
import NotFound from '../../not-found';

type Props = { params: Promise<{ id: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return idParams(siteData().content.maintenance.map((m) => m.id));
}

function maintenanceOf(id: string) {
  return siteData().content.maintenance.find((m) => m.id === id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const window = maintenanceOf((await params).id);
  return window ? { title: { absolute: pageTitle(siteData().content.site, window.title) } } : placeholderMetadata;
}

/** One maintenance window: its state when built (scheduled, in progress, completed, cancelled), window, components, updates. */
export default async function MaintenancePage({ params }: Props) {
  const window = maintenanceOf((await params).id);
  if (!window) return <NotFound />;
  const { now } = siteData();
  const updates = window.updates.filter((u) => Date.parse(u.at) <= now.getTime());
  const endedEarly = window.endedEarly && Date.parse(window.endedEarly.at) <= now.getTime() ? window.endedEarly : null;
  return (
    <article>
      <h1>{window.title}</h1>
      <p className="meta">
        <MaintenanceStateBadge state={maintenanceState(window, now)} />
        <span>Planned maintenance</span>
      </p>
      <dl className="facts">
        <dt>Window</dt>
        <dd>
          <Window window={window} />
        </dd>
        {endedEarly && (
          <>
            <dt>{maintenanceWords[endedEarly.status]}</dt>
            <dd>
              <Time iso={endedEarly.at} />
            </dd>
          </>
        )}
        <dt>Components</dt>
        <dd>
          <ComponentLinks ids={window.components} />
        </dd>
      </dl>
      {window.description && <Markdown text={window.description} headingLevel={2} />}

      {updates.length > 0 && (
        <UpdatesSection
          entries={updates.map((u) => ({ key: u.at + u.message, title: u.status ? maintenanceWords[u.status] : 'Update', at: u.at, message: u.message }))}
        />
      )}

      {window.body && <DetailsSection title="Details" body={window.body} />}
    </article>
  );
}
