import fs from 'node:fs';
import path from 'node:path';
import { checkIdOf, ownCheck, providerCheck, type ComponentStatus, type Content } from '../content';
import type { DailyChecks, MonitorComponent, MonitorView, Outage as ComponentOutage, UpstreamState } from '../status/types';
import { isStale } from '../status/stale';
import { dayMs } from '../shared/time';
import { compareText } from '../shared/words';
import { mergeHistograms, percentile, type Histogram } from './latency';
import { upstreamVerdict, type StoreData, type Verdict } from './schema';
import { readStoreSync } from './store';

/**
 * The site's view of the monitor: every location's data file merged. A component is down (or degraded)
 * only when a quorum of the locations with fresh data says so; with no fresh location it is stale.
 */

/** Reads every `data/*.json` (validated; a bad file throws StoreError naming it) and merges them at `now`; null when there is none. */
export function readMonitorView(dataDir: string, content: Content, now: Date): MonitorView | null {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const stores = names.flatMap((name) => {
    const data = readStoreSync(path.join(dataDir, name));
    return data ? [shiftStore(data, content.clockShiftMs)] : [];
  });
  return stores.length === 0 ? null : mergeLocations(stores, content, now);
}

const severity: Record<Verdict, number> = { up: 0, degraded: 1, down: 2 };
const statusOf: Record<Verdict, ComponentStatus> = { up: 'operational', degraded: 'degraded_performance', down: 'major_outage' };

/** How many fresh locations must agree: a majority of them, or the configured number. */
export function quorumOf(quorum: 'majority' | number, freshLocations: number): number {
  return quorum === 'majority' ? Math.floor(freshLocations / 2) + 1 : quorum;
}

/** A check to merge: its id and how often it runs, so staleness can be judged. */
type CheckRef = { id: string; intervalMs: number };

/** A location's newest result of some checks (when it started), or null. */
const lastOf = (store: StoreData, checks: readonly CheckRef[]) => latest(checks.map((c) => store.checks[c.id]?.lastResultAt ?? null));

/**
 * Whether a location's data for a set of checks is fresh at `now`: its newest result of them is no older than two
 * of their shortest interval (lib/status/stale.ts).
 */
const freshAt = (store: StoreData, checks: readonly CheckRef[], now: Date) => !isStale(lastOf(store, checks), Math.min(...checks.map((c) => c.intervalMs)), now);

/**
 * Merges locations' data into the view at `now`. Pure. A location takes part in a component's verdict while
 * its data for it is fresh (freshAt); its vote is the worst confirmed status among those checks whose own
 * data is fresh by their own interval.
 */
export function mergeLocations(stores: readonly StoreData[], content: Content, now: Date): MonitorView {
  const { monitoring } = content.site;
  // A statuspage check without `affects: true` speaks for the provider, not the component: it never votes here.
  const checksOf = new Map(
    content.site.components
      .map((c) => [c.id, c.checks.flatMap((check, i) => (ownCheck(check) ? [{ id: checkIdOf(c.id, check, i), intervalMs: (check.intervalSeconds ?? monitoring.intervalSeconds) * 1000 }] : []))] as const)
      .filter(([, checks]) => checks.length > 0),
  );

  const components: Record<string, MonitorComponent> = {};
  const daily: Record<string, DailyChecks[]> = {};
  const outages: ComponentOutage[] = [];
  for (const [componentId, checks] of checksOf) {
    components[componentId] = confirmedStatus(stores, checks, monitoring.quorum, now);
    daily[componentId] = dailyChecks(stores, checks.map((c) => c.id), now);
    outages.push(...quorumOutages(componentId, stores, checks.map((c) => c.id), monitoring.quorum, now.getTime()));
  }

  const allChecks = [...checksOf.values()].flat();
  const locations = stores.map((store) => ({
    name: store.location,
    lastResultAt: lastOf(store, allChecks),
    stale: ![...checksOf.values()].some((checks) => freshAt(store, checks, now)),
  }));
  outages.sort((a, b) => compareText(b.startedAt, a.startedAt));
  const upstream = mergeUpstream(stores, content, now);
  return { locations, components, daily, outages, ...(upstream.length > 0 && { upstream }) };
}

/**
 * The confirmed status of a set of checks across locations at `now`: each location with fresh data votes the
 * worst confirmed status among its fresh checks, and the status a quorum agrees on wins; stale without a quorum.
 */
export function confirmedStatus(stores: readonly StoreData[], checks: readonly CheckRef[], quorum: 'majority' | number, now: Date): MonitorComponent {
  const intervalMs = Math.min(...checks.map((c) => c.intervalMs));
  const votes = stores.flatMap((store) => {
    if (!freshAt(store, checks, now)) return [];
    const states = checks.flatMap(({ id, intervalMs: checkMs }) => {
      const state = store.checks[id];
      return state && !isStale(state.lastResultAt, checkMs, now) ? [state] : [];
    });
    // The check with the newest result is fresh by its own interval (never shorter than the shortest).
    const worst = states.reduce((a, b) => (severity[b.status] > severity[a.status] ? b : a));
    return [{ location: store.location, state: worst }];
  });
  const lastCheckedAt = latest(stores.map((store) => lastOf(store, checks)));
  const required = quorumOf(quorum, votes.length);
  if (votes.length === 0 || votes.length < required) return { status: 'operational', stale: true, lastCheckedAt, intervalMs, since: null, reason: null, why: null };
  // The status a quorum agrees on: the required-th worst vote.
  votes.sort((a, b) => severity[b.state.status] - severity[a.state.status]);
  const agreed = votes[required - 1]!.state.status;
  const agreeing = votes.filter((v) => severity[v.state.status] >= severity[agreed]);
  const sinces = agreeing.map((v) => v.state.since).filter((s): s is string => s !== null).sort();
  return {
    status: statusOf[agreed],
    stale: false,
    lastCheckedAt,
    intervalMs,
    since: agreed === 'up' ? null : (sinces[required - 1] ?? sinces.at(-1) ?? null),
    reason: agreed === 'up' ? null : agreeing[0]!.state.reason,
    why: agreed === 'up' ? null : (agreeing[0]!.state.why ?? null),
  };
}

/**
 * Every statuspage check (on a component) and provider, as the page shows it: confirmed like any check (a
 * quorum of fresh locations), with the upstream's own status and incidents from the newest reading that
 * agrees with what was confirmed. Pure.
 */
export function mergeUpstream(stores: readonly StoreData[], content: Content, now: Date): UpstreamState[] {
  const { monitoring } = content.site;
  const subjects = [
    ...content.site.components.flatMap((c) =>
      c.checks.flatMap((check, i) => (check.type === 'statuspage' ? [{ id: checkIdOf(c.id, check, i), componentId: c.id as string | null, name: null as string | null, check }] : [])),
    ),
    ...content.site.providers.map((p) => ({ id: p.id, componentId: null, name: p.name, check: providerCheck(p) })),
  ];
  return subjects.map(({ id, componentId, name, check }): UpstreamState => {
    const confirmed = confirmedStatus(stores, [{ id, intervalMs: (check.intervalSeconds ?? monitoring.intervalSeconds) * 1000 }], monitoring.quorum, now);
    const results = stores.flatMap((s) => s.results.filter((r) => r.checkId === id)).sort((a, b) => compareText(a.at, b.at));
    const newest = results.at(-1);
    const reading = results.findLast((r) => r.upstream)?.upstream;
    const unreachable = !confirmed.stale && confirmed.status === 'major_outage' && newest !== undefined && !newest.upstream;
    // The reading's own word where it agrees with the confirmed verdict; a new reading waits for confirmation.
    const agrees = reading && statusOf[upstreamVerdict[reading.status]] === confirmed.status;
    return {
      checkId: id,
      componentId,
      affects: check.affects,
      name: name ?? reading?.page ?? new URL(check.url).host,
      pageUrl: check.page ?? new URL(check.url).origin,
      status: confirmed.stale || unreachable || !reading ? null : agrees ? reading.status : confirmed.status,
      components: reading?.components ?? [],
      incidents: reading?.incidents ?? [],
      readAt: results.findLast((r) => r.upstream)?.at ?? null,
      stale: confirmed.stale,
      unreachable,
      reason: newest?.reason ?? null,
      why: newest?.why ?? null,
      lastCheckedAt: confirmed.lastCheckedAt,
    };
  });
}

/** Per day: rounds summed over checks and locations, latency percentiles from their merged histograms. */
function dailyChecks(stores: readonly StoreData[], checkIds: readonly string[], now: Date): DailyChecks[] {
  const today = now.toISOString().slice(0, 10);
  const days = new Map<string, { checks: number; failures: number; degraded: number; latency: Histogram[] }>();
  for (const store of stores) {
    for (const id of checkIds) {
      for (const [date, r] of Object.entries(store.daily[id] ?? {})) {
        if (date > today) continue;
        const day = days.get(date) ?? { checks: 0, failures: 0, degraded: 0, latency: [] };
        day.checks += r.checks;
        day.failures += r.failures;
        day.degraded += r.degraded;
        day.latency.push(r.latency);
        days.set(date, day);
      }
    }
  }
  return [...days.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([date, d]) => {
      const latency = mergeHistograms(d.latency);
      return { date, checks: d.checks, failures: d.failures, degraded: d.degraded, latencyP50Ms: percentile(latency, 0.5), latencyP95Ms: percentile(latency, 0.95) };
    });
}

/**
 * A component's confirmed outages across locations: the spans in which at least a quorum of the locations
 * that checked it that day had an outage of one of its checks open.
 */
export function quorumOutages(componentId: string, stores: readonly StoreData[], checkIds: readonly string[], quorum: 'majority' | number, now: number): ComponentOutage[] {
  const spans = stores.flatMap((store) =>
    store.outages
      .filter((o) => checkIds.includes(o.checkId))
      .map((o) => ({ location: store.location, outage: o, start: Date.parse(o.startedAt), end: o.endedAt ? Date.parse(o.endedAt) : now })),
  );
  if (spans.length === 0) return [];
  const checkingOn = (t: number) => {
    const date = new Date(t).toISOString().slice(0, 10);
    return stores.filter((s) => checkIds.some((id) => (s.daily[id]?.[date]?.checks ?? 0) > 0) || spans.some((x) => x.location === s.location && x.start <= t && t < x.end)).length;
  };
  const bounds = [...new Set(spans.flatMap((s) => [s.start, s.end]).concat(spans.flatMap((s) => dayBounds(s.start, s.end))))].sort((a, b) => a - b);
  const merged: (ComponentOutage & { open: boolean; end: number })[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [from, to] = [bounds[i]!, bounds[i + 1]!];
    const active = spans.filter((s) => s.start <= from && to <= s.end);
    const locations = [...new Set(active.map((s) => s.location))];
    if (locations.length === 0 || locations.length < quorumOf(quorum, checkingOn(from))) continue;
    const last = merged.at(-1);
    if (last && last.end === from) {
      last.end = to;
      last.locations = [...new Set([...last.locations, ...locations])].sort();
      last.open = active.some((s) => s.outage.endedAt === null && s.end === to);
      continue;
    }
    const first = active.reduce((a, b) => (b.start < a.start ? b : a));
    merged.push({
      componentId,
      checkId: first.outage.checkId,
      locations: locations.sort(),
      startedAt: new Date(from).toISOString(),
      endedAt: null,
      reason: first.outage.reason,
      why: first.outage.why ?? null,
      open: active.some((s) => s.outage.endedAt === null && s.end === to),
      end: to,
    });
  }
  return merged.map(({ open, end, ...outage }) => ({ ...outage, endedAt: open ? null : new Date(end).toISOString() }));
}

/** Midnights (UTC) strictly inside a span, so quorum is judged per day. */
function dayBounds(start: number, end: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(start / dayMs) * dayMs + dayMs; t < end; t += dayMs) out.push(t);
  return out;
}

function latest(times: readonly (string | null)[]): string | null {
  return times.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
}

/**
 * Store data with every instant moved by `ms` and every day by `ms` rounded to whole days: the shipped
 * example's data moves with its content (`exampleAnchor`). Identity when `ms` is 0.
 */
export function shiftStore(data: StoreData, ms: number): StoreData {
  if (ms === 0) return data;
  const at = (iso: string) => new Date(Date.parse(iso) + ms).toISOString();
  const days = Math.round(ms / dayMs);
  const date = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
  return {
    ...data,
    checks: Object.fromEntries(
      Object.entries(data.checks).map(([id, s]) => [
        id,
        { ...s, since: s.since && at(s.since), lastResultAt: at(s.lastResultAt), recent: s.recent.map((r) => ({ ...r, at: at(r.at) })) },
      ]),
    ),
    results: data.results.map((r) => ({ ...r, at: at(r.at), ...(r.lastAttemptAt && { lastAttemptAt: at(r.lastAttemptAt) }) })),
    daily: Object.fromEntries(Object.entries(data.daily).map(([id, byDay]) => [id, Object.fromEntries(Object.entries(byDay).map(([d, r]) => [date(d), r]))])),
    outages: data.outages.map((o) => ({ ...o, startedAt: at(o.startedAt), confirmedAt: at(o.confirmedAt), endedAt: o.endedAt && at(o.endedAt) })),
  };
}
