import type { Maintenance, MaintenanceUpdate } from '../content';
import { publishedBy } from './incidents';
import { msOf } from '../shared/time';

/**
 * A maintenance window's timeline rules: its state at a moment, what has been published, when it was announced
 * and last revised. Pages, feeds, the calendar, the JSON and the pinger's publish timing all ask here.
 */

/** Where a maintenance window stands at a moment. */
export type MaintenanceState = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

/** The early end (completed or cancelled) published by `now`, if any. */
export function endedEarlyBy(window: Maintenance, now: Date): Maintenance['endedEarly'] {
  return window.endedEarly && msOf(window.endedEarly.at) <= now.getTime() ? window.endedEarly : null;
}

/** The state of a maintenance window at `now`. */
export function maintenanceState(window: Maintenance, now: Date): MaintenanceState {
  const endedEarly = endedEarlyBy(window, now);
  if (endedEarly) return endedEarly.status;
  const t = now.getTime();
  if (t < msOf(window.start)) return 'scheduled';
  if (t < msOf(window.end)) return 'in_progress';
  return 'completed';
}

/**
 * The next moment after `now` at which the window's state or published updates change by the clock alone
 * (its start, its end, an update dated ahead), or null when none is left: the pinger publishes then.
 */
export function nextChangeAfter(window: Maintenance, now: Date): number | null {
  const times = [window.start, window.end, ...window.updates.map((u) => u.at)].map(msOf).filter((t) => t > now.getTime());
  return times.length > 0 ? Math.min(...times) : null;
}

/**
 * When a maintenance window was announced, as far as Outpost can tell: content has no such field, so the
 * earliest of its start, its first published update and `now` (never a time in the future).
 */
export function announcedAt(window: Maintenance, now: Date): string {
  const times = [msOf(window.start), now.getTime(), ...publishedBy(window.updates, now).map((u) => msOf(u.at))];
  return new Date(Math.min(...times)).toISOString();
}

/** When a maintenance window last changed: its latest published update, else its announcement. */
export function revisedAt(window: Maintenance, now: Date): string {
  return publishedBy(window.updates, now).at(-1)?.at ?? announcedAt(window, now);
}

/** A maintenance window as it stands at a moment: what its page and lines show, with no clock left to read. */
export type MaintenanceAt = {
  window: Maintenance;
  state: MaintenanceState;
  /** Updates published by then, oldest first. */
  updates: MaintenanceUpdate[];
  endedEarly: Maintenance['endedEarly'];
};

/** The window at `now`: see MaintenanceAt. */
export function maintenanceAt(window: Maintenance, now: Date): MaintenanceAt {
  return { window, state: maintenanceState(window, now), updates: publishedBy(window.updates, now), endedEarly: endedEarlyBy(window, now) };
}
