import { words, type Lang } from '@/lib/i18n';
import type { EntryAt } from '@/lib/status';
import type { ComponentName } from '../components/component-links';
import { ReportLinks } from '../components/providers';
import { IncidentLine, MaintenanceLine } from '../components/summaries';

/** The address of history page `n` (numbered from the oldest, lib/status/history.ts), or of /history (the newest) for null. */
export function historyHref(n: number | null): string {
  return n === null ? '/history' : `/history/page/${n}`;
}

/**
 * What one history page shows: its entries by month, and the addresses of the pages of newer and older entries. `n`
 * is null for /history.
 */
export type HistoryPageInput = { n: number | null; months: { month: string; entries: EntryAt[] }[]; newer: string | null; older: string | null; components: readonly ComponentName[]; poll: number; reports: string[]; lang: Lang };

/** A page of the history: its entries under month headings, newest first, and links to the pages around it. */
export function HistoryPage({ months, newer, older, components, poll, reports, lang }: HistoryPageInput) {
  const w = words(lang);
  return (
    <>
      <h1>{w.t('history.title')}</h1>
      <p className="lede">{w.t('history.lede')}</p>
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
      {(newer || older) && (
        <nav className="pager" aria-label={w.t('history.pages')}>
          {newer ? (
            <a href={newer} rel="prev">
              {w.t('history.newer')}
            </a>
          ) : (
            <span />
          )}
          {older ? (
            <a href={older} rel="next">
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
