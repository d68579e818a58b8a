import type { ComponentStatus, Incident, Maintenance } from '../content';
import { words } from '../i18n';
import { describeStatus, maintenanceState, worseStatus, type SiteStatus, announcedAt, publishedBy, revisedAt } from '../status';
import type { SiteData } from '../site-data';
import type {
  SpComponent,
  SpComponentsFile,
  SpIncident,
  SpIncidentsFile,
  SpIncidentUpdate,
  SpPage,
  SpScheduledMaintenance,
  SpScheduledMaintenancesFile,
  SpStatusFile,
  SpSummaryFile,
} from './statuspage-schema';
import { siteUrls } from './urls';

/** Statuspage lists this many of the most recent incidents and maintenances in the list files. */
export const recentLimit = 50;

/**
 * Statuspage v2 compatible documents, one builder per file, all from one SiteData so they agree with
 * the pages. Ids are Outpost's own (component, group and file ids; `<incident>-update-<n>` for updates),
 * so they are stable across builds. The status `description` is in the site's language; every machine field
 * (`indicator`, `status`, `impact`) keeps Statuspage's values.
 */
export const statuspage = {
  /** /api/v2/summary.json: page, components, unresolved incidents, upcoming and active maintenance, status. */
  summary(data: SiteData): SpSummaryFile {
    const api = new Api(data);
    return {
      page: api.page,
      components: api.components,
      incidents: data.status.openIncidents.map((i) => api.incident(i)),
      scheduled_maintenances: [...data.status.activeMaintenance, ...data.status.upcomingMaintenance].map((m) => api.maintenance(m)),
      status: api.status,
    };
  },
  /** /api/v2/status.json */
  status(data: SiteData): SpStatusFile {
    const api = new Api(data);
    return { page: api.page, status: api.status };
  },
  /** /api/v2/components.json */
  components(data: SiteData): SpComponentsFile {
    const api = new Api(data);
    return { page: api.page, components: api.components };
  },
  /** /api/v2/incidents.json: the most recent incidents, open or resolved. */
  incidents(data: SiteData): SpIncidentsFile {
    const api = new Api(data);
    const begun = data.content.incidents.filter((i) => Date.parse(i.began) <= data.now.getTime());
    return { page: api.page, incidents: begun.slice(0, recentLimit).map((i) => api.incident(i)) };
  },
  /** /api/v2/incidents/unresolved.json */
  unresolvedIncidents(data: SiteData): SpIncidentsFile {
    const api = new Api(data);
    return { page: api.page, incidents: data.status.openIncidents.map((i) => api.incident(i)) };
  },
  /** /api/v2/scheduled-maintenances.json: the most recent windows, latest start first, whatever their state. */
  scheduledMaintenances(data: SiteData): SpScheduledMaintenancesFile {
    const api = new Api(data);
    const latestFirst = [...data.content.maintenance].reverse().slice(0, recentLimit);
    return { page: api.page, scheduled_maintenances: latestFirst.map((m) => api.maintenance(m)) };
  },
  /** /api/v2/scheduled-maintenances/upcoming.json */
  upcomingMaintenances(data: SiteData): SpScheduledMaintenancesFile {
    const api = new Api(data);
    return { page: api.page, scheduled_maintenances: data.status.upcomingMaintenance.map((m) => api.maintenance(m)) };
  },
  /** /api/v2/scheduled-maintenances/active.json */
  activeMaintenances(data: SiteData): SpScheduledMaintenancesFile {
    const api = new Api(data);
    return { page: api.page, scheduled_maintenances: data.status.activeMaintenance.map((m) => api.maintenance(m)) };
  },
};

/** The shared pieces of every document, built once per document from one SiteData. */
class Api {
  readonly page: SpPage;
  readonly status: { indicator: SiteStatus['indicator']; description: string };
  readonly components: SpComponent[];
  private readonly byId: Map<string, SpComponent>;
  private readonly now: Date;
  private readonly urls: ReturnType<typeof siteUrls>;

  constructor({ content, status, now }: SiteData) {
    const { site } = content;
    this.now = now;
    this.urls = siteUrls(site);
    const at = now.toISOString();
    // Outpost has no page id of its own: the public host names the page.
    this.page = { id: new URL(site.url).host, name: site.name, url: site.url, time_zone: 'Etc/UTC', updated_at: at };
    this.status = { indicator: status.indicator, description: describeStatus(status, words(site.language)) };
    const componentIds = new Set(site.components.map((c) => c.id));
    // Statuspage ids share one space; a group named like a component gets a prefix so ids stay unique.
    const groupId = (id: string) => (componentIds.has(id) ? `group-${id}` : id);
    const base = { created_at: at, updated_at: at, showcase: true, start_date: null, page_id: this.page.id, only_show_if_degraded: false };
    let position = 0;
    this.components = status.sections.flatMap(({ group, components }) => {
      const groupPosition = group ? ++position : 0;
      const members = components.map(
        (state): SpComponent => ({
          ...base,
          id: state.component.id,
          name: state.component.name,
          status: state.status,
          position: ++position,
          description: state.component.description ?? null,
          group_id: group ? groupId(group.id) : null,
          group: false,
        }),
      );
      if (!group) return members;
      const groupObject: SpComponent = {
        ...base,
        id: groupId(group.id),
        name: group.name,
        status: components.reduce<ComponentStatus>((worst, c) => worseStatus(worst, c.status), 'operational'),
        position: groupPosition,
        description: group.description ?? null,
        group_id: null,
        group: true,
        components: members.map((m) => m.id),
      };
      return [groupObject, ...members];
    });
    this.byId = new Map(this.components.filter((c) => !c.group).map((c) => [c.id, c]));
  }

  private componentsOf(ids: readonly string[]): SpComponent[] {
    return this.components.filter((c) => !c.group && ids.includes(c.id));
  }

  private update(parentId: string, id: string, fields: Pick<SpIncidentUpdate, 'status' | 'body' | 'created_at' | 'affected_components'>): SpIncidentUpdate {
    return { id, incident_id: parentId, updated_at: fields.created_at, display_at: fields.created_at, deliver_notifications: true, custom_tweet: null, tweet_id: null, ...fields };
  }

  /** An incident as Statuspage shows it, with only the updates published by now, newest first. */
  incident(incident: Incident): SpIncident {
    const updates = publishedBy(incident.updates, this.now);
    const latest = updates.at(-1) ?? incident.updates[0]!;
    let statuses: Record<string, ComponentStatus> = {};
    const timeline = updates.map((u, i) => {
      const before = statuses;
      statuses = { ...statuses, ...(i === 0 ? incident.components : {}), ...u.components };
      const affected = Object.entries(statuses)
        .filter(([id, status]) => status !== (before[id] ?? 'operational'))
        .map(([id, status]) => ({ code: id, name: this.byId.get(id)?.name ?? id, old_status: before[id] ?? 'operational', new_status: status }));
      return this.update(incident.id, `${incident.id}-update-${i + 1}`, { status: u.status, body: u.message, created_at: u.at, affected_components: affected.length > 0 ? affected : null });
    });
    const resolved = incident.resolvedAt !== null && Date.parse(incident.resolvedAt) <= this.now.getTime();
    return {
      id: incident.id,
      name: incident.title,
      status: latest.status,
      created_at: updates[0]?.at ?? incident.began,
      updated_at: latest.at,
      monitoring_at: updates.find((u) => u.status === 'monitoring')?.at ?? null,
      resolved_at: resolved ? incident.resolvedAt : null,
      impact: incident.impact,
      shortlink: this.urls.incident(incident.id),
      started_at: incident.began,
      page_id: this.page.id,
      incident_updates: timeline.reverse(),
      components: this.componentsOf(Object.keys(statuses)),
    };
  }

  /** A maintenance window as Statuspage shows it; its description becomes the first, "scheduled" update. */
  maintenance(window: Maintenance): SpScheduledMaintenance {
    const updates = publishedBy(window.updates, this.now);
    const status = maintenanceStatusOf(window, this.now);
    const createdAt = announcedAt(window, this.now);
    const announcement = window.description
      ? [this.update(window.id, `${window.id}-announcement`, { status: 'scheduled', body: window.description, created_at: createdAt, affected_components: null })]
      : [];
    const timeline = updates.map((u, i) =>
      this.update(window.id, `${window.id}-update-${i + 1}`, {
        status: u.status === 'cancelled' ? 'completed' : (u.status ?? status),
        body: u.message,
        created_at: u.at,
        affected_components: null,
      }),
    );
    return {
      id: window.id,
      name: window.title,
      status,
      created_at: createdAt,
      updated_at: revisedAt(window, this.now),
      monitoring_at: null,
      resolved_at: status === 'completed' ? endOf(window, this.now) : null,
      impact: 'maintenance',
      shortlink: this.urls.maintenance(window.id),
      started_at: window.start,
      page_id: this.page.id,
      incident_updates: [...announcement, ...timeline].reverse(),
      components: this.componentsOf(window.components),
      scheduled_for: window.start,
      scheduled_until: window.end,
    };
  }
}

/** Statuspage's maintenance status: it has no "cancelled", so a cancelled window reads as completed. */
function maintenanceStatusOf(window: Maintenance, now: Date): SpScheduledMaintenance['status'] {
  const state = maintenanceState(window, now);
  if (state === 'cancelled') return 'completed';
  if (state === 'in_progress' && publishedBy(window.updates, now).at(-1)?.status === 'verifying') return 'verifying';
  return state;
}

/** When a finished window ended: early, by a completing or cancelling update, or at its end. */
function endOf(window: Maintenance, now: Date): string {
  const early = window.endedEarly && Date.parse(window.endedEarly.at) <= now.getTime() ? window.endedEarly.at : null;
  return early && early < window.end ? early : window.end;
}
