import type { Content, Incident, Maintenance } from '../content';
import { maintenanceState } from './status';
import { monthKey } from './format';

/** One line of the history: an incident or a maintenance window, dated by when it began. */
export type HistoryEntry = { at: string } & ({ kind: 'incident'; incident: Incident } | { kind: 'maintenance'; maintenance: Maintenance });

/** Entries per history page: keeps each page small and the build linear in the number of incidents. */
export const historyPageSize = 25;

/** Every incident that has begun and every maintenance window no longer upcoming at `now`, newest first. */
export function historyEntries(content: Content, now: Date): HistoryEntry[] {
  const incidents = content.incidents
    .filter((incident) => Date.parse(incident.began) <= now.getTime())
    .map((incident): HistoryEntry => ({ kind: 'incident', at: incident.began, incident }));
  const windows = content.maintenance
    .filter((window) => maintenanceState(window, now) !== 'scheduled')
    .map((maintenance): HistoryEntry => ({ kind: 'maintenance', at: maintenance.start, maintenance }));
  return [...incidents, ...windows].sort((a, b) => b.at.localeCompare(a.at));
}

/** How many history pages there are; at least one, which says there is nothing yet. */
export function historyPageCount(entries: readonly HistoryEntry[], pageSize = historyPageSize): number {
  return Math.max(1, Math.ceil(entries.length / pageSize));
}

/** Page `n` (from 1) of the history, its entries grouped by month (UTC), newest first. */
export function historyPage(entries: readonly HistoryEntry[], n: number, pageSize = historyPageSize): { month: string; entries: HistoryEntry[] }[] {
  const months: { month: string; entries: HistoryEntry[] }[] = [];
  for (const entry of entries.slice((n - 1) * pageSize, n * pageSize)) {
    const month = monthKey(entry.at);
    if (months.at(-1)?.month !== month) months.push({ month, entries: [] });
    months.at(-1)!.entries.push(entry);
  }
  return months;
}
