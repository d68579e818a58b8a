import type { ComponentStatus, Content, Incident, Maintenance } from '../content';
import { words, type Words } from '../i18n';
import { affectedComponentIds, describeStatus, incidentComponentStatuses, maintenanceState, type MonitorView, type SiteStatus } from '../status';
import { shownReason } from '../status/reason';
import type { NotifyEvent, SpIncident } from './schema';

/**
 * The event source: a pure comparison of two views of the site. Every change a view has published by its
 * moment is an event with a stable id; the changes between two views are the events of the newer one that
 * the older one did not have. Publishing the same view twice, or comparing the same two views again, gives
 * ids the outbox has already recorded, so nobody hears of a change twice. Outpost's own words in an event (an
 * automatic outage's message, a maintenance step without a note) are in the site's language, frozen with it.
 */

/** One view of the site, as a build or a publish computed it (SiteData fits). */
export type NotifyView = { content: Content; status: SiteStatus; monitor: MonitorView | null };

/** What is announced beyond staff-written changes. */
export type ChangeOptions = {
  /** Outages the pinger confirmed, marked automatic; default: `notifications.automaticOutages` in site.yaml. */
  automaticOutages?: boolean;
};

/**
 * The events published between `before` (null: the first view, which sets the baseline and announces
 * nothing) and `after`, at `now`. Pure: no file, no clock.
 */
export function changesBetween(before: NotifyView | null, after: NotifyView, now: Date, options: ChangeOptions = {}): NotifyEvent[] {
  if (!before) return [];
  const automatic = options.automaticOutages ?? after.content.site.notifications?.automaticOutages ?? false;
  const seen = new Set<string>();
  collect(before, new Date(before.status.at), automatic, (id) => (seen.add(id), false));
  const fresh: NotifyEvent[] = [];
  collect(after, now, automatic, (id) => !seen.has(id), (e) => fresh.push(e));
  return [...fresh, ...componentChanges(lastStatuses(before.status), after, automatic)];
}

/** Every change the view has published by `now`: incident updates, maintenance steps and, if asked, outages. */
export function eventsOf(view: NotifyView, now: Date, automatic: boolean): NotifyEvent[] {
  const events: NotifyEvent[] = [];
  collect(view, now, automatic, () => true, (e) => events.push(e));
  return events;
}

/** Calls `want` with each change's id, and builds the event (the costly part) only when it says so. */
function collect(view: NotifyView, now: Date, automatic: boolean, want: (id: string) => boolean, take: (e: NotifyEvent) => void = () => {}): void {
  const make = maker(view);
  const w = words(view.content.site.language);
  const emit: Emit = (id, build) => {
    if (want(id)) take(make({ ...build(), id }));
  };
  for (const incident of view.content.incidents) incidentEvents(incident, now, emit, view.content.site.url);
  for (const window of view.content.maintenance) maintenanceEvents(w, window, now, emit, view.content.site.url);
  if (automatic) outageEvents(w, view, now, emit);
}

type Fields = Omit<NotifyEvent, 'id' | 'page' | 'componentNames' | 'to' | 'automatic' | 'componentUpdate' | 'incident'> & Partial<NotifyEvent>;
type Emit = (id: string, build: () => Fields) => void;
type Make = (fields: Fields & { id: string }) => NotifyEvent;

/** Fills what every event of a view shares: the page, component names, defaults. */
function maker(view: NotifyView): Make {
  const { site } = view.content;
  const names = Object.fromEntries(site.components.map((c) => [c.id, c.name]));
  const page = {
    id: new URL(site.url).host,
    name: site.name,
    url: site.url,
    indicator: view.status.indicator,
    description: describeStatus(view.status, words(site.language)),
    signupUrl: site.notifications?.signupUrl ?? null,
    lang: site.language,
  };
  return (fields) => {
    const incident = fields.incident && { ...fields.incident, components: fields.incident.components.map((c) => ({ ...c, name: names[c.id] ?? c.id })) };
    return {
      to: null,
      automatic: false,
      componentUpdate: null,
      ...fields,
      incident: incident ?? null,
      page,
      componentNames: Object.fromEntries(fields.components.map((id) => [id, names[id] ?? id])),
    };
  };
}

function incidentEvents(incident: Incident, now: Date, emit: Emit, siteUrl: string): void {
  const t = now.getTime();
  const published = incident.updates.filter((u) => Date.parse(u.at) <= t);
  if (published.length === 0 || Date.parse(incident.began) > t) return;
  const link = `${siteUrl}/incidents/${incident.id}`;
  published.forEach((update, i) =>
    emit(`incident:${incident.id}:update:${i + 1}`, () => ({
      kind: update.status === 'resolved' ? 'incident.resolved' : update.status === 'postmortem' ? 'incident.postmortem' : i === 0 ? 'incident.created' : 'incident.updated',
      at: update.at,
      components: affectedComponentIds(incident),
      title: incident.title,
      status: update.status,
      message: update.message,
      url: `${link}#update-${i + 1}`,
      incident: { ...incidentSnapshot(incident, i + 1), shortlink: link },
    })),
  );
}

/** The incident as Statuspage's webhook sends it, with its first `count` updates, newest first. */
function incidentSnapshot(incident: Incident, count: number): SpIncident {
  const updates = incident.updates.slice(0, count);
  const latest = updates.at(-1)!;
  const statuses = incidentComponentStatuses(incident, new Date(latest.at));
  const monitoring = updates.find((u) => u.status === 'monitoring');
  const resolved = updates.find((u) => u.status === 'resolved');
  return {
    id: incident.id,
    name: incident.title,
    status: latest.status,
    impact: incident.impact,
    created_at: incident.began,
    updated_at: latest.at,
    monitoring_at: monitoring?.at ?? null,
    resolved_at: resolved?.at ?? null,
    shortlink: '',
    scheduled_for: null,
    scheduled_until: null,
    postmortem_body: latest.status === 'postmortem' && incident.body.trim() ? incident.body.trim() : null,
    incident_updates: updates
      .map((u, i) => ({ id: `${incident.id}-update-${i + 1}`, incident_id: incident.id, status: u.status, body: u.message, created_at: u.at, updated_at: u.at, display_at: u.at }))
      .reverse(),
    components: Object.entries(statuses).map(([id, status]) => ({ id, name: id, status })),
  };
}

/** Statuses that a maintenance update folds into a step event rather than a note of its own. */
const stepStatuses = new Set(['in_progress', 'completed', 'cancelled']);

function maintenanceEvents(w: Words, window: Maintenance, now: Date, emit: Emit, siteUrl: string): void {
  const t = now.getTime();
  const published = window.updates.map((u, i) => ({ ...u, n: i + 1 })).filter((u) => Date.parse(u.at) <= t);
  const state = maintenanceState(window, now);
  const startMs = Date.parse(window.start);
  const endedEarly = window.endedEarly && Date.parse(window.endedEarly.at) <= t ? window.endedEarly : null;
  const link = `${siteUrl}/maintenance/${window.id}`;
  const noteFor = (status: string) => published.findLast((u) => u.status === status)?.message;
  const step = (fields: Pick<Fields, 'kind' | 'at' | 'status' | 'message'>, updates: number) => () => ({
    ...fields,
    components: window.components,
    title: window.title,
    url: link,
    incident: { ...maintenanceSnapshot(window, fields.status, published.slice(0, updates)), shortlink: link },
  });

  const announced = new Date(Math.min(startMs, t, ...published.map((u) => Date.parse(u.at)))).toISOString();
  const announcement = window.description ?? w.t('notify.maintenanceScheduled', { start: w.dateTime(window.start), end: w.dateTime(window.end) });
  emit(`maintenance:${window.id}:scheduled`, step({ kind: 'maintenance.scheduled', at: announced, status: 'scheduled', message: announcement }, 0));
  // Started when its start came before anything ended it.
  if (startMs <= t && !(endedEarly && Date.parse(endedEarly.at) <= startMs)) {
    const message = noteFor('in_progress') ?? w.t('notify.maintenanceStarted');
    emit(`maintenance:${window.id}:started`, step({ kind: 'maintenance.started', at: window.start, status: 'in_progress', message }, published.filter((u) => Date.parse(u.at) <= startMs).length));
  }
  for (const update of published) {
    // A note that starts or ends the window is told by that step's event.
    if (update.status && stepStatuses.has(update.status)) continue;
    const status = update.status ?? (Date.parse(update.at) >= startMs ? 'in_progress' : 'scheduled');
    emit(`maintenance:${window.id}:update:${update.n}`, step({ kind: 'maintenance.updated', at: update.at, status, message: update.message }, update.n));
  }
  if (state === 'completed' || state === 'cancelled') {
    const said = w.t(state === 'completed' ? 'notify.maintenanceCompleted' : 'notify.maintenanceCancelled');
    const kind = state === 'completed' ? 'maintenance.completed' : 'maintenance.cancelled';
    emit(`maintenance:${window.id}:${state}`, step({ kind, at: endedEarly?.at ?? window.end, status: state, message: noteFor(state) ?? said }, published.length));
  }
}

function maintenanceSnapshot(window: Maintenance, status: string, updates: readonly { at: string; status?: string; message: string; n: number }[]): SpIncident {
  const latestAt = updates.at(-1)?.at ?? window.start;
  return {
    id: window.id,
    name: window.title,
    status,
    impact: 'maintenance',
    created_at: window.start,
    updated_at: latestAt,
    monitoring_at: null,
    resolved_at: status === 'completed' || status === 'cancelled' ? (window.endedEarly?.at ?? window.end) : null,
    shortlink: '',
    scheduled_for: window.start,
    scheduled_until: window.end,
    postmortem_body: null,
    incident_updates: updates
      .map((u) => ({ id: `${window.id}-update-${u.n}`, incident_id: window.id, status: u.status ?? 'scheduled', body: u.message, created_at: u.at, updated_at: u.at, display_at: u.at }))
      .reverse(),
    components: window.components.map((id) => ({ id, name: id, status: status === 'in_progress' ? 'under_maintenance' : 'operational' })),
  };
}

/** Confirmed outages (merged across locations), opened and ended; ids use the stored, unshifted start. */
function outageEvents(w: Words, view: NotifyView, now: Date, emit: Emit): void {
  const t = now.getTime();
  const { site, clockShiftMs } = view.content;
  for (const outage of view.monitor?.outages ?? []) {
    if (Date.parse(outage.startedAt) > t) continue;
    const key = `outage:${outage.componentId}:${outage.checkId}:${Date.parse(outage.startedAt) - clockShiftMs}`;
    const name = site.components.find((c) => c.id === outage.componentId)?.name ?? outage.componentId;
    const common = { components: [outage.componentId], title: name, automatic: true, url: `${site.url}/components/${outage.componentId}` };
    emit(`${key}:confirmed`, () => ({
      ...common,
      kind: 'outage.confirmed',
      at: outage.startedAt,
      status: 'major_outage',
      message: w.t('notify.outageMessage', { name, reason: shownReason(outage, w) }),
      componentUpdate: { componentId: outage.componentId, oldStatus: 'operational', newStatus: 'major_outage' },
    }));
    if (outage.endedAt && Date.parse(outage.endedAt) <= t) {
      emit(`${key}:ended`, () => ({
        ...common,
        kind: 'outage.ended',
        at: outage.endedAt!,
        status: 'operational',
        message: w.t('notify.recoveredMessage', { name }),
        componentUpdate: { componentId: outage.componentId, oldStatus: 'major_outage', newStatus: 'operational' },
      }));
    }
  }
}

/**
 * Component status changes between the two views (Statuspage's `component_update` webhooks). A change the
 * monitor alone made is left out unless automatic outages are announced.
 */
/** Each component's status in a view, as the outbox keeps it between publishes. */
export type LastStatuses = { at: string; components: Record<string, { status: string; detectedAutomatically: boolean }> };

/** The statuses of `status`'s components, to compare the next view with. */
export function lastStatuses(status: SiteStatus): LastStatuses {
  return { at: status.at, components: Object.fromEntries(status.components.map((c) => [c.component.id, { status: c.status, detectedAutomatically: c.detectedAutomatically }])) };
}

/** A `component.updated` event (webhooks only) for each component whose status changed since `before`. */
export function componentChanges(before: LastStatuses, after: NotifyView, automatic: boolean): NotifyEvent[] {
  const make = maker(after);
  const w = words(after.content.site.language);
  return after.status.components.flatMap((state) => {
    const old = before.components[state.component.id] as { status: ComponentStatus; detectedAutomatically: boolean } | undefined;
    if (!old || old.status === state.status) return [];
    if (!automatic && (state.detectedAutomatically || old.detectedAutomatically)) return [];
    return [
      make({
        id: `component:${state.component.id}:${before.at}:${state.status}`,
        kind: 'component.updated',
        at: after.status.at,
        components: [state.component.id],
        title: state.component.name,
        status: state.status,
        message: w.t('notify.componentChange', { name: state.component.name, old: w.t(`component.${old.status}`), new: w.t(`component.${state.status}`) }),
        url: `${after.content.site.url}/components/${state.component.id}`,
        automatic: state.detectedAutomatically,
        componentUpdate: { componentId: state.component.id, oldStatus: old.status, newStatus: state.status },
      }),
    ];
  });
}
