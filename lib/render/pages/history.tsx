import { monthLabel, type EntryAt } from '@/lib/status';
import type { ComponentName } from '../components/component-links';
import { ReportLinks } from '../components/providers';
import { IncidentLine, MaintenanceLine } from '../components/summaries';

/** The address of history page `n`: the first is /history. */
export function historyHref(n: number): string {
  return n === 1 ? '/history' : `/history/page/${n}`;
}

/** What one history page shows: its entries by month, where it stands among the pages. */
export type HistoryPageInput = { n: number; pages: number; months: { month: string; entries: EntryAt[] }[]; components: readonly ComponentName[]; poll: number; reports: string[] };

/** Page `n` of the history: its entries under month headings, newest first, and links to the pages around it. */
export function HistoryPage({ n, pages, months, components, poll, reports }: HistoryPageInput) {
  return (
    <>
      <h1>History</h1>
      <p className="lede">
        Every incident, and every maintenance window once it is over, newest first.{pages > 1 && ` Page ${n} of ${pages}.`}
      </p>
      <ReportLinks labels={reports} />
      <div data-live="history" data-poll={poll}>
      {months.length === 0 && <p>Nothing has happened yet.</p>}
      {months.map(({ month, entries }) => (
        <section key={month} aria-labelledby={`m-${month}`}>
          <h2 id={`m-${month}`}>{monthLabel(month)}</h2>
          <ul className="lines">
            {entries.map((entry) =>
              entry.kind === 'incident' ? (
                <IncidentLine key={`i-${entry.at.incident.id}`} at={entry.at} components={components} />
              ) : (
                <MaintenanceLine key={`m-${entry.at.window.id}`} at={entry.at} components={components} />
              ),
            )}
          </ul>
        </section>
      ))}
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label="History pages">
          {n > 1 ? (
            <a href={historyHref(n - 1)} rel="prev">
              Newer
            </a>
          ) : (
            <span />
          )}
          <span>{`Page ${n} of ${pages}`}</span>
          {n < pages ? (
            <a href={historyHref(n + 1)} rel="next">
              Older
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
