import type { CheckState, Outage, Result } from './schema';

/** How many rounds in a row confirm a change (the site's `monitoring` settings). */
export type ConfirmationRules = { failuresToOpen: number; successesToClose: number };

/** A confirmed change worth telling someone about. */
export type OutageEvent = { type: 'opened' | 'closed'; location: string; outage: Outage };

/**
 * When a result first showed its verdict: the start of the first attempt that gave it. That is `at` for a
 * down result (every attempt failed) and the last attempt's start for any other (a retry is made only after
 * a failure, so the earlier attempts failed). Both ends of an outage are dated this way: it starts when the
 * first failing check started and ends when the first successful check started, not when the round
 * holding that success began with failed retries. The start of a check, not its end, as `at` is: the same
 * kind of moment at both ends, so a span's length is the time between them.
 */
export function shownAt(result: Pick<Result, 'at' | 'lastAttemptAt' | 'verdict'>): string {
  return result.verdict === 'down' ? result.at : (result.lastAttemptAt ?? result.at);
}

/**
 * A check's next confirmation state after one more result. A run of `failuresToOpen` down rounds opens an
 * outage dated from the first of them; a run of `successesToClose` rounds that are not down closes it,
 * dated from the first good one. Degraded is confirmed the same way but is not an outage. Every date is a
 * `shownAt`. Pure.
 */
export function advance(
  previous: CheckState | undefined,
  result: Pick<Result, 'at' | 'lastAttemptAt' | 'verdict' | 'reason' | 'why' | 'componentId'>,
  intervalSeconds: number,
  rules: ConfirmationRules,
): { state: CheckState; change: 'opened' | 'closed' | null } {
  const keep = Math.max(rules.failuresToOpen, rules.successesToClose);
  const recent = [...(previous?.recent ?? []), { at: shownAt(result), verdict: result.verdict }].slice(-keep);
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
    state: { componentId: result.componentId, intervalSeconds, status, since, recent, reason: result.reason, ...(result.why && { why: result.why }), lastResultAt: result.at },
    change,
  };
}
