import type { Content, Incident, Maintenance } from '../content';
import { incidentAt, type IncidentAt } from './incidents';
import { maintenanceAt, maintenanceState, type MaintenanceAt, type MaintenanceState } from './maintenance';
import { dayMs, startOfUtcDay, utcDate } from './uptime';
import { monthKey } from './format';
import { msOf } from '../shared/time';
import { compareText } from '../shared/words';

/** One line of the history: an incident or a maintenance window, dated by when it began. */
export type HistoryEntry = { at: string } & ({ kind: 'incident'; incident: Incident } | { kind: 'maintenance'; maintenance: Maintenance });

/** A month's entries on a history page, newest first. */
export type HistoryMonth = { month: string; entries: HistoryEntry[] };

/** Entries per history page: keeps each page small and the build linear in the number of incidents. */
export const historyPageSize = 25;

const made = new WeakMap<Content, { now: number; entries: readonly HistoryEntry[] }>();

/**
 * Every incident that has begun and every maintenance window that is over (completed or cancelled) at `now`,
 * newest first. A window in progress is not past yet: the home page and its own page show it until it ends.
 * Made once per content and moment: the history pages and the home page's past days read the same list.
 */
export function historyEntries(content: Content, now: Date): readonly HistoryEntry[] {
  const known = made.get(content);
  if (known?.now === now.getTime()) return known.entries;
  const entries = sortedEntries(content, now);
  made.set(content, { now: now.getTime(), entries });
  return entries;
}

function sortedEntries(content: Content, now: Date): HistoryEntry[] {
  const incidents = content.incidents
    .filter((incident) => msOf(incident.began) <= now.getTime())
    .map((incident): HistoryEntry => ({ kind: 'incident', at: incident.began, incident }));
  const over = new Set<MaintenanceState>(['completed', 'cancelled']);
  const windows = content.maintenance
    .filter((window) => over.has(maintenanceState(window, now)))
    .map((maintenance): HistoryEntry => ({ kind: 'maintenance', at: maintenance.start, maintenance }));
  return [...incidents, ...windows].sort((a, b) => compareText(b.at, a.at));
}

/**
 * How many history pages there are; at least one, which says there is nothing yet. Pages are numbered from the start
 * of the history, so that each keeps its entries as the history grows: page 1 holds the 25 oldest entries, the next
 * page the 25 after them, the last page the newest (1 to 25 of them), and /history the newest 25 (historyRecent). A
 * new incident then changes the last page and /history (and the page before the last when it starts a page), not
 * every page: numbered from the newest, every page moved by one entry, 200 pages at 5,000 incidents.
 */
export function historyPageCount(entries: readonly HistoryEntry[], pageSize = historyPageSize): number {
  return Math.max(1, Math.ceil(entries.length / pageSize));
}

/** Page `n` (from 1, the oldest; null: /history) of the history, its entries grouped by month (UTC), newest first. */
export function historyPage(entries: readonly HistoryEntry[], n: number | null, pageSize = historyPageSize): HistoryMonth[] {
  return byMonth(entries.slice(...historyRange(entries.length, n, pageSize)));
}

/** The newest entries, grouped by month, newest first: what /history shows. */
export function historyRecent(entries: readonly HistoryEntry[], pageSize = historyPageSize): HistoryMonth[] {
  return historyPage(entries, null, pageSize);
}

/** Where page `n` of a history of `count` entries (newest first) begins and ends in them; null: /history, the newest. */
export function historyRange(count: number, n: number | null, pageSize = historyPageSize): [from: number, to: number] {
  // Page n ends n - 1 pages from the oldest.
  return n === null ? [0, Math.min(pageSize, count)] : [Math.max(0, count - n * pageSize), Math.max(0, count - (n - 1) * pageSize)];
}

/** The page holding the newest entry that /history does not show, or null when it shows them all. */
export function historyPageAfterRecent(entries: readonly HistoryEntry[], pageSize = historyPageSize): number | null {
  // The entry `pageSize` from the newest is `entries.length - 1 - pageSize` from the oldest.
  return entries.length > pageSize ? Math.floor((entries.length - 1 - pageSize) / pageSize) + 1 : null;
}

function byMonth(entries: readonly HistoryEntry[]): HistoryMonth[] {
  const months: HistoryMonth[] = [];
  for (const entry of entries) {
    const month = monthKey(entry.at);
    if (months.at(-1)?.month !== month) months.push({ month, entries: [] });
    months.at(-1)!.entries.push(entry);
  }
  return months;
}

/** A history entry as it stands at a moment (see IncidentAt, MaintenanceAt): what a line of a list shows. */
export type EntryAt = { kind: 'incident'; at: IncidentAt } | { kind: 'maintenance'; at: MaintenanceAt };

/** The entry at `now`. */
export function entryAt(entry: HistoryEntry, now: Date): EntryAt {
  return entry.kind === 'incident' ? { kind: 'incident', at: incidentAt(entry.incident, now) } : { kind: 'maintenance', at: maintenanceAt(entry.maintenance, now) };
}

/** The last `days` UTC days up to `now`'s, newest first, each with the entries that began on it. */
export function pastDays(content: Content, now: Date, days: number): { date: string; entries: EntryAt[] }[] {
  const today = startOfUtcDay(now.getTime());
  const byDay = Array.from({ length: days }, (_, i) => ({ date: utcDate(today - i * dayMs), entries: [] as EntryAt[] }));
  const first = today - (days - 1) * dayMs;
  for (const entry of historyEntries(content, now)) {
    const t = msOf(entry.at);
    if (t < first) break;
    byDay[Math.floor((today - startOfUtcDay(t)) / dayMs)]?.entries.push(entryAt(entry, now));
  }
  return byDay;
}
