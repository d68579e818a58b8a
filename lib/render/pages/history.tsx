import { words, type Lang } from '@/lib/i18n';
import type { EntryAt } from '@/lib/status';
import type { ComponentName } from '../components/component-links';
import { ReportLinks } from '../components/providers';
import { IncidentLine, MaintenanceLine } from '../components/summaries';

/** The address of history page `n`: the first is /history. */
export function historyHref(n: number): string {
  return n === 1 ? '/history' : `/history/page/${n}`;
}

/** What one history page shows: its entries by month, where it stands among the pages. */
export type HistoryPageInput = { n: number; pages: number; months: { month: string; entries: EntryAt[] }[]; components: readonly ComponentName[]; poll: number; reports: string[]; lang: Lang };

/** Page `n` of the history: its entries under month headings, newest first, and links to the pages around it. */
export function HistoryPage({ n, pages, months, components, poll, reports, lang }: HistoryPageInput) {
  const w = words(lang);
  return (
    <>
      <h1>{w.t('history.title')}</h1>
      <p className="lede">
        {w.t('history.lede')}
        {pages > 1 && ` ${w.t('history.pageOfLede', { n, pages })}`}
      </p>
      <ReportLinks labels={reports} w={w} />
      <div data-live="history" data-poll={poll}>
      {months.length === 0 && <p>{w.t('history.empty')}</p>}
      {months.map(({ month, entries }) => (
        <section key={month} aria-labelledby={`m-${month}`}>
          <h2 id={`m-${month}`}>{w.month(month)}</h2>
          <ul className="lines">
            {entries.map((entry) =>
              entry.kind === 'incident' ? (
                <IncidentLine key={`i-${entry.at.incident.id}`} at={entry.at} components={components} w={w} />
              ) : (
                <MaintenanceLine key={`m-${entry.at.window.id}`} at={entry.at} components={components} w={w} />
              ),
            )}
          </ul>
        </section>
      ))}
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label={w.t('history.pages')}>
          {n > 1 ? (
            <a href={historyHref(n - 1)} rel="prev">
              {w.t('history.newer')}
            </a>
          ) : (
            <span />
          )}
          <span>{w.t('history.pageOf', { n, pages })}</span>
          {n < pages ? (
            <a href={historyHref(n + 1)} rel="next">
              {w.t('history.older')}
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
