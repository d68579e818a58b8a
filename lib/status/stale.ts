/**
 * When monitoring data is stale, in one place: once its newest result is older than two intervals of the
 * checks behind it. One late check is normal (jitter, a slow answer, a cron job starting late); two missed
 * in a row are not. Deliberately not configurable, so the build, the live snapshot and a page's script that
 * re-checks at read time all draw the line at the same moment.
 */
export const staleAfterIntervals = 2;

/** The moment (ms since the epoch) data last checked at `lastCheckedAt`, every `intervalMs`, turns stale; null without data. */
export function staleAt(lastCheckedAt: string | null, intervalMs: number): number | null {
  return lastCheckedAt === null ? null : Date.parse(lastCheckedAt) + staleAfterIntervals * intervalMs;
}

/** Whether that data is stale at `now`: there is none, or it is older than two intervals (exactly two is still fresh). Pure. */
export function isStale(lastCheckedAt: string | null, intervalMs: number, now: Date): boolean {
  const at = staleAt(lastCheckedAt, intervalMs);
  return at === null || now.getTime() > at;
}
