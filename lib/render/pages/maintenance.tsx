import { maintenanceLook, maintenanceWords, type MaintenanceAt } from '@/lib/status';
import { StatusLine } from '../components/badges';
import { ComponentLinks, type ComponentName } from '../components/component-links';
import { Markdown } from '../components/markdown';
import { Window } from '../components/summaries';
import { Time } from '../components/time';
import { DetailsSection, UpdatesSection } from '../components/timeline';

/** One maintenance window: its state (scheduled, in progress, completed, cancelled), window, components, updates. */
export function MaintenancePage({ at, components, poll }: { at: MaintenanceAt; components: readonly ComponentName[]; poll: number }) {
  const { window, updates, endedEarly } = at;
  return (
    <article data-live="maintenance" data-poll={poll}>
      <h1>{window.title}</h1>
      <StatusLine look={maintenanceLook(at.state)}>
        <span>Planned maintenance</span>
      </StatusLine>
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
          <ComponentLinks ids={window.components} components={components} />
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
