import type { ComponentStatus, Incident, IncidentUpdate } from '../content';
import { worseStatus } from './status';
import { msOf } from '../shared/time';

/**
 * An incident's timeline rules: what has been published by a moment, whether it is open, what it says about
 * each component, when its current status began. Every page, feed, JSON file and command asks here.
 */

/** Only what has been published by `now`: an update dated in the future is not out yet. */
export function publishedBy<T extends { at: string }>(updates: readonly T[], now: Date): T[] {
  return lastUpdateMs(updates) <= now.getTime() ? updates.slice() : updates.filter((u) => msOf(u.at) <= now.getTime());
}

/** How many of `updates` are published by `now` (publishedBy's length, without copying the thousands of timelines published long ago). */
export function publishedCount(updates: readonly { at: string }[], now: Date): number {
  return lastUpdateMs(updates) <= now.getTime() ? updates.length : publishedBy(updates, now).length;
}

const lastAts = new WeakMap<readonly { at: string }[], number>();

/**
 * When a timeline's latest update is dated, in ms (-Infinity for none): once per timeline, so the thousands of
 * timelines all published long ago are told so without reading each update's time for every page, feed and file.
 * A timeline is in order (lib/content/rules.ts refuses an update dated before the one above it): its last is latest.
 */
export function lastUpdateMs(updates: readonly { at: string }[]): number {
  let last = lastAts.get(updates);
  if (last === undefined) {
    last = updates.length > 0 ? msOf(updates.at(-1)!.at) : -Infinity;
    lastAts.set(updates, last);
  }
  return last;
}

/** Has the incident begun by `now` (its start, or its first update)? */
export function hasBegun(incident: Incident, now: Date): boolean {
  return msOf(incident.began) <= now.getTime();
}

/** Is the incident still open at `now`? A resolving update in the future does not count yet. */
export function isOpen(incident: Incident, now: Date): boolean {
  return incident.resolvedAt === null || msOf(incident.resolvedAt) > now.getTime();
}

/** The updates published by `now`, oldest first; never none, so a page always has its first. */
export function publishedUpdates(incident: Incident, now: Date): IncidentUpdate[] {
  const published = publishedBy(incident.updates, now);
  // All of them (the usual case): the timeline itself, which an input then shares with the incident.
  if (published.length === incident.updates.length) return incident.updates;
  return published.length > 0 ? published : incident.updates.slice(0, 1);
}

/** The incident's latest update at `now` (by default, its latest of all). */
export function latestUpdate(incident: Incident, now: Date = new Date(8.64e15)): IncidentUpdate {
  return publishedUpdates(incident, now).at(-1)!;
}

/** When the incident's current status began: the first of the latest run of updates with that status. */
export function statusSince(updates: readonly IncidentUpdate[]): string {
  let i = updates.length - 1;
  while (i > 0 && updates[i - 1]!.status === updates[i]!.status) i -= 1;
  return updates[i]!.at;
}

/** Each affected component's status as the incident's updates have left it at `now`. */
export function incidentComponentStatuses(incident: Incident, now: Date): Record<string, ComponentStatus> {
  const statuses: Record<string, ComponentStatus> = { ...incident.components };
  for (const update of publishedBy(incident.updates, now)) Object.assign(statuses, update.components);
  return statuses;
}

/** Each affected component's worst status over the incident's timeline up to `now`: what it did to them. */
export function worstComponentStatuses(incident: Incident, now: Date): Record<string, ComponentStatus> {
  const worst: Record<string, ComponentStatus> = { ...incident.components };
  for (const update of publishedBy(incident.updates, now)) {
    for (const [id, status] of Object.entries(update.components ?? {})) worst[id] = worst[id] ? worseStatus(worst[id], status) : status;
  }
  return worst;
}

/** Every component id the incident has touched in any update. */
export function affectedComponentIds(incident: Incident): string[] {
  // A loop rather than a Set of spread lists: the index of a site's thousands of incidents (incidentsAffecting) is
  // made on every publish.
  const ids = Object.keys(incident.components);
  for (const update of incident.updates) {
    if (update.components) for (const id in update.components) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

const byComponent = new WeakMap<readonly Incident[], Map<string, Incident[]>>();

/**
 * The incidents of `incidents` that touch `componentId`, in their order: an index made once per list, so the pages,
 * feeds and uptime of fifty components do not each scan thousands of incidents.
 */
export function incidentsAffecting(incidents: readonly Incident[], componentId: string): readonly Incident[] {
  let index = byComponent.get(incidents);
  if (!index) {
    index = new Map();
    for (const incident of incidents) {
      for (const id of affectedComponentIds(incident)) {
        if (!index.has(id)) index.set(id, []);
        index.get(id)!.push(incident);
      }
    }
    byComponent.set(incidents, index);
  }
  return index.get(componentId) ?? [];
}

/** How long an incident lasted (or has lasted by `now`), in milliseconds. */
export function incidentDurationMs(incident: Incident, now: Date): number {
  const end = isOpen(incident, now) ? now.getTime() : msOf(incident.resolvedAt!);
  return Math.max(0, end - msOf(incident.began));
}

/**
 * An incident as it stands at a moment, with nothing that depends on that moment left to compute: what a page,
 * a line of the history or a card shows. Two moments with the same published updates give equal values, so an
 * output made from it is made again only when something was published (lib/render/outputs.ts).
 */
export type IncidentAt = {
  incident: Incident;
  /** Published updates, oldest first (at least the first). */
  updates: IncidentUpdate[];
  open: boolean;
  /** When the current status (the latest update's) began. */
  statusSince: string;
  /** Each affected component's status now while open; once resolved, the worst each reached. */
  componentStatuses: Record<string, ComponentStatus>;
  /** How long it lasted, once resolved; null while open. */
  durationMs: number | null;
};

/** The incident at `now`: see IncidentAt. */
export function incidentAt(incident: Incident, now: Date): IncidentAt {
  const updates = publishedUpdates(incident, now);
  const open = isOpen(incident, now);
  return {
    incident,
    updates,
    open,
    statusSince: statusSince(updates),
    componentStatuses: open ? incidentComponentStatuses(incident, now) : worstComponentStatuses(incident, now),
    durationMs: open ? null : incidentDurationMs(incident, now),
  };
}
