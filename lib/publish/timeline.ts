import type { Maintenance } from '../content';

/** Only what has been published by `now`: an update dated in the future is not out yet. */
export function publishedBy<T extends { at: string }>(updates: readonly T[], now: Date): T[] {
  return updates.filter((u) => Date.parse(u.at) <= now.getTime());
}

/**
 * When a maintenance window was announced, as far as Outpost can tell: content has no such field, so the
 * earliest of its start, its first published update and `now` (never a time in the future).
 */
export function announcedAt(window: Maintenance, now: Date): string {
  const times = [Date.parse(window.start), now.getTime(), ...publishedBy(window.updates, now).map((u) => Date.parse(u.at))];
  return new Date(Math.min(...times)).toISOString();
}

/** When a maintenance window last changed: its latest published update, else its announcement. */
export function revisedAt(window: Maintenance, now: Date): string {
  return publishedBy(window.updates, now).at(-1)?.at ?? announcedAt(window, now);
}
