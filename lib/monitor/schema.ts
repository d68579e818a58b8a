import { z } from 'zod';
import { reason } from '../status/reason';

/**
 * The pinger's nouns as stored in `data/<location>.json`: a *result* is one probe outcome, an *outage* a
 * confirmed failure span. Types come from these schemas; the store validates every file it reads with them.
 */

/** What one result says about its check. */
export const verdict = z.enum(['up', 'degraded', 'down']);
export type Verdict = z.infer<typeof verdict>;

const ms = z.number().nonnegative();
const instant = z.iso.datetime();
const day = z.iso.date();

/** How long each phase of one attempt took, where the check type has it (a DNS check has only `dnsMs`). */
export const phases = z.strictObject({
  /** Resolving the host name (absent for an address or a reused answer). */
  dnsMs: ms.optional(),
  /** Opening the TCP connection, after DNS. */
  connectMs: ms.optional(),
  /** The TLS handshake, after connect. */
  tlsMs: ms.optional(),
  /** From the request being ready to the first byte of the response (server time). */
  firstByteMs: ms.optional(),
  /** The whole attempt, every redirect and the body read included: the latency the page reports. */
  totalMs: ms,
});
export type Phases = z.infer<typeof phases>;

/** Statuspage v2 component statuses, as an upstream reports them. */
const upstreamStatus = z.enum(['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage']);

/** What a statuspage check read from the upstream page: plain text only, as the upstream wrote it. */
export const upstream = z.strictObject({
  /** The upstream page's name. */
  page: z.string(),
  /** The worst status of the followed components (or the page's indicator, as a status). */
  status: upstreamStatus,
  /** The followed components (every one when none is named), with their status. */
  components: z.array(z.strictObject({ name: z.string(), status: upstreamStatus })),
  /** The upstream's unresolved incidents: titles as plain text, never HTML. */
  incidents: z.array(z.strictObject({ name: z.string(), status: z.string(), impact: z.string() })),
});
export type Upstream = z.infer<typeof upstream>;

/** The verdict for an upstream status: its problem, in the pinger's three words. */
export const upstreamVerdict: Record<Upstream['status'], Verdict> = {
  operational: 'up',
  under_maintenance: 'up',
  degraded_performance: 'degraded',
  partial_outage: 'degraded',
  major_outage: 'down',
};

/** One probe outcome: a check run once (with its retries) from one location. */
export const result = z.strictObject({
  /** When the first attempt started. */
  at: instant,
  /** When the last attempt started, when there were retries (format 2). With `at`, it dates the verdict (outages.ts `shownAt`). */
  lastAttemptAt: instant.optional(),
  checkId: z.string().min(1),
  componentId: z.string().min(1),
  /** Where the pinger ran (`eu-1`). */
  location: z.string().min(1),
  verdict,
  /** The verdict in words, in English, with no target or header in it (`HTTP 503 (expected 2xx)`): what logs and alerts say. */
  reason: z.string(),
  /** The same in parts, for readers in the site's language (lib/status/reason.ts); absent in results recorded before format 3. */
  why: reason.optional(),
  /** The final response's status code, for HTTP checks that got one. */
  httpStatus: z.number().int().optional(),
  /** Attempts made: 1, plus one per retry after a failure. */
  attempts: z.number().int().min(1),
  phases,
  /** For a statuspage check that read its upstream: what it said. */
  upstream: upstream.optional(),
});
export type Result = z.infer<typeof result>;

/** A confirmed outage of one check as one location saw it. */
export const outage = z.strictObject({
  checkId: z.string().min(1),
  componentId: z.string().min(1),
  /** When the first failed round of the run that confirmed it started (its first attempt): see outages.ts `shownAt`. */
  startedAt: instant,
  /** The round that confirmed it (the `failuresToOpen`-th failure in a row). */
  confirmedAt: instant,
  /** When the first successful check of the run that closed it started (after a round's failed retries, the one that succeeded); null while open. */
  endedAt: instant.nullable(),
  /** The reason of the round that confirmed it, in English. */
  reason: z.string(),
  /** The same in parts; absent in outages recorded before format 3. */
  why: reason.optional(),
});
export type Outage = z.infer<typeof outage>;

/** One day (UTC) of one check at one location. Size stays bounded by checks × days kept. */
export const rollup = z.strictObject({
  /** Rounds run. */
  checks: z.number().int().nonnegative(),
  /** Rounds that ended down after retries. */
  failures: z.number().int().nonnegative(),
  /** Rounds that ended degraded. */
  degraded: z.number().int().nonnegative(),
  /** Minutes of the day inside a confirmed outage at this location. */
  minutesDown: ms,
  /** Median total latency of the day's rounds that got an answer; null when none did. */
  latencyP50Ms: ms.nullable(),
  /** 95th percentile of the same. */
  latencyP95Ms: ms.nullable(),
  /** Latency histogram, `[bucket, rounds, bucket, rounds, …]` (see latency.ts), so locations merge into true percentiles. */
  latency: z.array(z.number().int().nonnegative()).refine((h) => h.length % 2 === 0, { error: 'expected bucket and count pairs' }),
});
export type Rollup = z.infer<typeof rollup>;

/** A check's confirmation state: its confirmed status and the recent rounds that decide the next change. */
export const checkState = z.strictObject({
  componentId: z.string().min(1),
  /** How often it is meant to run, so readers can tell fresh from stale. */
  intervalSeconds: z.number().int().positive(),
  /** The confirmed status; changes only after enough rounds in a row agree. */
  status: verdict,
  /** When the confirmed status began (the first round of the run that confirmed it, dated by `shownAt`); null for `up` from the start. */
  since: instant.nullable(),
  /** The newest rounds, oldest first, at most the larger of failuresToOpen and successesToClose; `at` is each one's `shownAt`. */
  recent: z.array(z.strictObject({ at: instant, verdict })),
  /** The newest result's reason, shown while the status is not up, in English. */
  reason: z.string(),
  /** The same in parts; absent when that result was recorded before format 3. */
  why: reason.optional(),
  /** The newest result's `at` (when its check started): the pinger's last word on this check. */
  lastResultAt: instant,
});
export type CheckState = z.infer<typeof checkState>;

/** The format version this code writes; older files are migrated when read, newer ones refused. */
export const storeVersion = 3;

/** `data/<location>.json`, version 3 (2 added `results[].lastAttemptAt`; 3 added `why` beside each `reason`). */
export const storeData = z.strictObject({
  /** The file format version. */
  version: z.literal(storeVersion),
  /** The location that writes this file. */
  location: z.string().min(1),
  /** Check id → its confirmation state. */
  checks: z.record(z.string(), checkState),
  /** Recent raw results, oldest first, a bounded number per check. */
  results: z.array(result),
  /** Check id → UTC date → that day's rollup; kept `rollupDays` days. */
  daily: z.record(z.string(), z.record(day, rollup)),
  /** Confirmed outages, oldest first; closed ones kept as long as rollups. */
  outages: z.array(outage),
});
export type StoreData = z.infer<typeof storeData>;
