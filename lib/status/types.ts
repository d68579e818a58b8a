import type { ComponentStatus } from '../content';

/**
 * What the monitor says about one component, merged across locations. lib/monitor produces it from
 * data/; lib/status only reads it, so the status rules never touch a file.
 */
export type MonitorComponent = {
  /** The confirmed verdict: operational unless a confirmed outage or degradation is open. */
  status: ComponentStatus;
  /** No fresh result from enough locations: the page must not claim "operational". */
  stale: boolean;
  /** The newest result from any location, or null when there is none. */
  lastCheckedAt: string | null;
  /** Start of the confirmed outage or degradation behind `status`, when not operational. */
  since: string | null;
  /** The reason in words from the latest failing result (`HTTP 503`), when not operational. */
  reason: string | null;
};

/** One day of a component's history, for the 90-day bars and uptime figures (days cut in UTC). */
export type DailyUptime = {
  /** `2026-11-23` */
  date: string;
  /** Checks run that day, across locations. */
  checks: number;
  failures: number;
  degraded: number;
  /** Minutes inside a confirmed outage, maintenance excluded. */
  minutesDown: number;
  /** Minutes degraded (confirmed), maintenance excluded. */
  minutesDegraded: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
};

/** A confirmed outage span from the pinger. */
export type Outage = {
  componentId: string;
  checkId: string;
  /** Locations that confirmed it. */
  locations: string[];
  startedAt: string;
  /** null while open. */
  endedAt: string | null;
  reason: string;
};

/** The monitor's whole view, as lib/status consumes it. */
export type MonitorView = {
  /** When the view was read, and from which locations with which newest result. */
  locations: { name: string; lastResultAt: string | null; stale: boolean }[];
  /** Per component id, only components that have checks. */
  components: Record<string, MonitorComponent>;
  /** Per component id, oldest day first. */
  daily: Record<string, DailyUptime[]>;
  /** Confirmed outages, newest first. */
  outages: Outage[];
};
