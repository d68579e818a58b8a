/**
 * When monitoring data is stale, in one place: once its newest result is older than two intervals of the
 * checks behind it. One late check is normal (jitter, a slow answer, a cron job starting late); two missed
 * in a row are not. Deliberately not configurable, so the build, the live snapshot and a page's script that
 * re-checks at read time all draw the line at the same moment.
 */
export const staleAfterIntervals = 2;

/**
 * The moment (ms since the epoch) data last checked at `lastCheckedAt`, every `intervalMs`, turns stale; null
 * without data. Cut to the whole second (never later than two intervals): pages carry it in every monitored
 * row, where one shared second compresses to almost nothing and fifty different milliseconds do not.
 */
export function staleAt(lastCheckedAt: string | null, intervalMs: number): number | null {
  return lastCheckedAt === null ? null : Math.floor((Date.parse(lastCheckedAt) + staleAfterIntervals * intervalMs) / 1000) * 1000;
}

/** Whether that data is stale at `now`: there is none, or it is older than two intervals (exactly two is still fresh). Pure. */
export function isStale(lastCheckedAt: string | null, intervalMs: number, now: Date): boolean {
  const at = staleAt(lastCheckedAt, intervalMs);
  return at === null || now.getTime() > at;
}

/**
 * How often an open page asks whether it changed: half the shortest check interval of the site (so a change
 * published after a round shows within one interval), never more often than every 2 s nor less than every 5 min.
 */
export function pollSeconds(site: PollSite): number {
  // Once per site: every incident and history page asks (a site is not changed once loaded).
  let seconds = polls.get(site);
  if (seconds === undefined) {
    const intervals = site.components.flatMap((c) => c.checks.map((check) => check.intervalSeconds ?? site.monitoring.intervalSeconds));
    const shortest = intervals.length > 0 ? Math.min(...intervals) : site.monitoring.intervalSeconds;
    seconds = Math.min(300, Math.max(2, Math.floor(shortest / 2)));
    polls.set(site, seconds);
  }
  return seconds;
}

type PollSite = { monitoring: { intervalSeconds: number }; components: readonly { checks: readonly { intervalSeconds?: number }[] }[] };
const polls = new WeakMap<PollSite, number>();
