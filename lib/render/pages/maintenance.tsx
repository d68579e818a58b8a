import { words, type Lang } from '@/lib/i18n';
import { maintenanceLook, type MaintenanceAt } from '@/lib/status';
import { StatusLine } from '../components/badges';
import { ComponentLinks, type ComponentName } from '../components/component-links';
import { Markdown } from '../components/markdown';
import { Window } from '../components/summaries';
import { Time } from '../components/time';
import { DetailsSection, UpdatesSection } from '../components/timeline';

/** One maintenance window: its state (scheduled, in progress, completed, cancelled), window, components, updates. */
export function MaintenancePage({ at, components, poll, lang }: { at: MaintenanceAt; components: readonly ComponentName[]; poll: number; lang: Lang }) {
  const w = words(lang);
  const { window, updates, endedEarly } = at;
  return (
    <article data-live="maintenance" data-poll={poll}>
      <h1>{window.title}</h1>
      <StatusLine look={maintenanceLook(at.state, w)}>
        <span>{w.t('maintenancePage.planned')}</span>
      </StatusLine>
      <dl className="facts">
        <dt>{w.t('maintenancePage.window')}</dt>
        <dd>
          <Window window={window} w={w} />
        </dd>
        {endedEarly && (
          <>
            <dt>{w.t(`maintenance.${endedEarly.status}`)}</dt>
            <dd>
              <Time iso={endedEarly.at} w={w} />
            </dd>
          </>
        )}
        <dt>{w.t('maintenancePage.components')}</dt>
        <dd>
          <ComponentLinks ids={window.components} components={components} w={w} />
        </dd>
      </dl>
      {window.description && <Markdown text={window.description} headingLevel={2} />}

      {updates.length > 0 && (
        <UpdatesSection
          entries={updates.map((u) => ({ key: u.at + u.message, title: w.t(u.status ? `maintenance.${u.status}` : 'maintenancePage.update'), at: u.at, message: u.message }))}
          w={w}
        />
      )}

      {window.body && <DetailsSection title={w.t('page.details')} body={window.body} />}
    </article>
  );
}
