import type { CheckState, Outage, Result } from './schema';

/** How many rounds in a row confirm a change (the site's `monitoring` settings). */
export type ConfirmationRules = { failuresToOpen: number; successesToClose: number };

/** A confirmed change worth telling someone about. */
export type OutageEvent = { type: 'opened' | 'closed'; location: string; outage: Outage };

/**
 * A check's next confirmation state after one more result. A run of `failuresToOpen` down rounds opens an
 * outage dated from the first of them; a run of `successesToClose` rounds that are not down closes it,
 * dated from the first good one. Degraded is confirmed the same way but is not an outage. Pure.
 */
export function advance(
  previous: CheckState | undefined,
  result: Pick<Result, 'at' | 'verdict' | 'reason' | 'componentId'>,
  intervalSeconds: number,
  rules: ConfirmationRules,
): { state: CheckState; change: 'opened' | 'closed' | null } {
  const keep = Math.max(rules.failuresToOpen, rules.successesToClose);
  const recent = [...(previous?.recent ?? []), { at: result.at, verdict: result.verdict }].slice(-keep);
  const last = (n: number) => (recent.length >= n ? recent.slice(-n) : null);
  let status = previous?.status ?? 'up';
  let since = previous?.since ?? null;
  let change: 'opened' | 'closed' | null = null;

  if (status !== 'down') {
    const failing = last(rules.failuresToOpen);
    if (failing?.every((r) => r.verdict === 'down')) {
      [status, since, change] = ['down', failing[0]!.at, 'opened'];
    } else if (status === 'up' && failing?.every((r) => r.verdict !== 'up')) {
      [status, since] = ['degraded', failing[0]!.at];
    } else if (status === 'degraded') {
      const good = last(rules.successesToClose);
      if (good?.every((r) => r.verdict === 'up')) [status, since] = ['up', good[0]!.at];
    }
  } else {
    const good = last(rules.successesToClose);
    if (good?.every((r) => r.verdict !== 'down')) {
      [status, since, change] = [good.every((r) => r.verdict === 'up') ? 'up' : 'degraded', good[0]!.at, 'closed'];
    }
  }

  return {
    state: { componentId: result.componentId, intervalSeconds, status, since, recent, reason: result.reason, lastResultAt: result.at },
    change,
  };
}
