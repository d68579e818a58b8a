import type { ComponentStatus } from '../content';
import type { Reason } from './reason';

/**
 * What the monitor says about one component, merged across locations. lib/monitor produces it from
 * data/; lib/status only reads it, so the status rules never touch a file.
 */
export type MonitorComponent = {
  /** The confirmed verdict: operational unless a confirmed outage or degradation is open. */
  status: ComponentStatus;
  /**
   * At the view's `now`, fewer locations than the quorum have fresh data: the page must not claim
   * "operational". A location's data is fresh until its newest result of the component's checks is older
   * than two `intervalMs` (stale.ts). A reader at a later moment adds `isStale(lastCheckedAt, intervalMs, now)`.
   */
  stale: boolean;
  /** The newest result of any of its checks from any location (when that check started), or null when there is none: "Checked 10:04 UTC". */
  lastCheckedAt: string | null;
  /** How often it is checked: its most frequent check's interval, in ms. Data older than two of these is stale. */
  intervalMs: number;
  /** Start of the confirmed outage or degradation behind `status`, when not operational. */
  since: string | null;
  /** The reason in words from the latest failing result (`HTTP 503`), when not operational, in English. */
  reason: string | null;
  /** The same in parts, to show in the site's language (reasonText); null when not operational or recorded before there were parts. */
  why: Reason | null;
};

/** One day (UTC) of a component's checks, summed over its checks and every location. */
export type DailyChecks = {
  /** `2026-11-23` */
  date: string;
  /** Rounds run that day. */
  checks: number;
  /** Rounds that ended down after retries. */
  failures: number;
  /** Rounds that ended degraded. */
  degraded: number;
  /** Median latency of the rounds that got an answer; null when none did. */
  latencyP50Ms: number | null;
  /** 95th percentile of the same. */
  latencyP95Ms: number | null;
};

/** A confirmed outage of a component: a span in which a quorum of locations saw one of its checks down. */
export type Outage = {
  componentId: string;
  /** The check whose failure came first. */
  checkId: string;
  /** Locations that confirmed it. */
  locations: string[];
  startedAt: string;
  /** null while open. */
  endedAt: string | null;
  /** The first failure's reason in words (`HTTP 503 (expected 2xx)`), in English. */
  reason: string;
  /** The same in parts (shownReason); null when it was recorded before there were parts. */
  why: Reason | null;
};

/**
 * Another status page as last read by statuspage checks, merged across locations: a provider of the
 * Providers group, or a provider one of our components depends on. Shown as the provider's own, never as ours.
 */
export type UpstreamState = {
  /** The check's id; a provider's own id for a provider. */
  checkId: string;
  /** Our component whose check it is, or null for a provider of the Providers group. */
  componentId: string | null;
  /** The check counts its problems as the component's own (`affects: true`). */
  affects: boolean;
  /** The provider's name (a provider's `name`, else the upstream page's own name, else the host). */
  name: string;
  /** Where readers can see the upstream page. */
  pageUrl: string;
  /** The upstream's status as confirmed; null when stale, unreachable or never read. */
  status: ComponentStatus | null;
  /** The followed upstream components and unresolved incidents from the newest reading; plain text. */
  components: { name: string; status: ComponentStatus }[];
  incidents: { name: string; status: string; impact: string }[];
  /** When the newest reading of the upstream was taken; null when it was never read. */
  readAt: string | null;
  /** No fresh result from enough locations. */
  stale: boolean;
  /** Confirmed failing to read the upstream (no answer, not Statuspage JSON): `reason` says why. */
  unreachable: boolean;
  /** The newest result's reason in words, in English. */
  reason: string | null;
  /** The same in parts (shownReason); null without a result or when it was recorded before there were parts. */
  why: Reason | null;
  lastCheckedAt: string | null;
};

/** The monitor's whole view, as lib/status consumes it. */
export type MonitorView = {
  /**
   * Each location's newest result of any monitored check (when that check started); stale when no monitored
   * component has fresh data there (see MonitorComponent.stale).
   */
  locations: { name: string; lastResultAt: string | null; stale: boolean }[];
  /** Per component id, only components that have checks. */
  components: Record<string, MonitorComponent>;
  /** Per component id, oldest day first. Downtime is not here: lib/status/uptime derives it from outages and incidents. */
  daily: Record<string, DailyChecks[]>;
  /** Confirmed outages (a quorum of locations agreeing), newest first. */
  outages: Outage[];
  /** Every statuspage check and provider, in site order; absent where nothing reads upstreams. */
  upstream?: UpstreamState[];
};
