import { siteData, type SiteData } from '@/lib/site-data';
import { historyEntries, historyPage, historyPageCount, monthLabel, type HistoryEntry } from '@/lib/status';
import { IncidentLine, MaintenanceLine } from './summaries';

/** The address of history page `n`: the first is /history. */
export function historyHref(n: number): string {
  return n === 1 ? '/history' : `/history/page/${n}`;
}

const sorted = new WeakMap<SiteData, HistoryEntry[]>();

/** This build's history entries, sorted once for all its pages, so the build stays linear in incidents. */
function entriesOfBuild(): HistoryEntry[] {
  const data = siteData();
  if (!sorted.has(data)) sorted.set(data, historyEntries(data.content, data.now));
  return sorted.get(data)!;
}

/** Every history page number, for generateStaticParams. */
export function historyPageNumbers(): number[] {
  return Array.from({ length: historyPageCount(entriesOfBuild()) }, (_, i) => i + 1);
}

/** Page `n` of the history: its entries under month headings, newest first, and links to the pages around it. */
export function HistoryPage({ n }: { n: number }) {
  const { now } = siteData();
  const entries = entriesOfBuild();
  const pages = historyPageCount(entries);
  const months = historyPage(entries, n);
  return (
    <>
      <h1>History</h1>
      <p className="lede">
        Every incident and maintenance window, newest first.{pages > 1 && ` Page ${n} of ${pages}.`}
      </p>
      {months.length === 0 && <p>Nothing has happened yet.</p>}
      {months.map(({ month, entries }) => (
        <section key={month} aria-labelledby={`m-${month}`}>
          <h2 id={`m-${month}`}>{monthLabel(month)}</h2>
          <ul className="lines">
            {entries.map((entry) =>
              entry.kind === 'incident' ? (
                <IncidentLine key={`i-${entry.incident.id}`} incident={entry.incident} now={now} />
              ) : (
                <MaintenanceLine key={`m-${entry.maintenance.id}`} window={entry.maintenance} now={now} />
              ),
            )}
          </ul>
        </section>
      ))}
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
