import { z } from 'zod';
import { componentStatuses, impacts, incidentStatuses } from '../content';

/**
 * Statuspage's public v2 API shapes (https://<page>/api/v2/*.json), as existing clients read them.
 * lib/publish/statuspage.ts builds its types from these; the tests parse every file Outpost writes
 * against them, strictly, so a missing, extra or misspelt field fails.
 */

const isoTime = z.iso.datetime({ offset: true });
const nullableTime = isoTime.nullable();

/** The page the JSON describes. */
export const spPage = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  url: z.url(),
  time_zone: z.string(),
  updated_at: isoTime,
});

/** The roll-up of every component and incident. */
export const spStatus = z.strictObject({
  indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  description: z.string(),
});

/** A component, or a group of them (`group: true` with its members' ids in `components`). */
export const spComponent = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  status: z.enum(componentStatuses),
  created_at: isoTime,
  updated_at: isoTime,
  position: z.number().int().positive(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.string()).optional(),
});

/** What one update changed on one component. */
export const spAffectedComponent = z.strictObject({
  code: z.string(),
  name: z.string(),
  old_status: z.enum(componentStatuses),
  new_status: z.enum(componentStatuses),
});

const maintenanceStatus = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);

/** One entry in an incident's or a maintenance's timeline. */
export const spIncidentUpdate = z.strictObject({
  id: z.string().min(1),
  status: z.union([z.enum(incidentStatuses), maintenanceStatus]),
  body: z.string(),
  incident_id: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  display_at: isoTime,
  affected_components: z.array(spAffectedComponent).nullable(),
  deliver_notifications: z.boolean(),
  custom_tweet: z.null(),
  tweet_id: z.null(),
});

const incidentFields = {
  id: z.string().min(1),
  name: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  monitoring_at: nullableTime,
  resolved_at: nullableTime,
  shortlink: z.url(),
  started_at: isoTime,
  page_id: z.string(),
  /** Newest first. */
  incident_updates: z.array(spIncidentUpdate),
  components: z.array(spComponent),
};

/** An incident. */
export const spIncident = z.strictObject({
  ...incidentFields,
  status: z.enum(incidentStatuses),
  impact: z.enum(impacts),
});

/** A scheduled maintenance: an incident with a window and maintenance statuses. */
export const spScheduledMaintenance = z.strictObject({
  ...incidentFields,
  status: maintenanceStatus,
  impact: z.literal('maintenance'),
  scheduled_for: isoTime,
  scheduled_until: isoTime,
});

/** /api/v2/status.json */
export const spStatusFile = z.strictObject({ page: spPage, status: spStatus });
/** /api/v2/components.json */
export const spComponentsFile = z.strictObject({ page: spPage, components: z.array(spComponent) });
/** /api/v2/incidents.json and incidents/unresolved.json */
export const spIncidentsFile = z.strictObject({ page: spPage, incidents: z.array(spIncident) });
/** /api/v2/scheduled-maintenances.json, …/upcoming.json and …/active.json */
export const spScheduledMaintenancesFile = z.strictObject({ page: spPage, scheduled_maintenances: z.array(spScheduledMaintenance) });
/** /api/v2/summary.json */
export const spSummaryFile = z.strictObject({
  page: spPage,
  components: z.array(spComponent),
  incidents: z.array(spIncident),
  scheduled_maintenances: z.array(spScheduledMaintenance),
  status: spStatus,
});

export type SpPage = z.infer<typeof spPage>;
export type SpComponent = z.infer<typeof spComponent>;
export type SpIncidentUpdate = z.infer<typeof spIncidentUpdate>;
export type SpIncident = z.infer<typeof spIncident>;
export type SpScheduledMaintenance = z.infer<typeof spScheduledMaintenance>;
export type SpSummaryFile = z.infer<typeof spSummaryFile>;
export type SpStatusFile = z.infer<typeof spStatusFile>;
export type SpComponentsFile = z.infer<typeof spComponentsFile>;
export type SpIncidentsFile = z.infer<typeof spIncidentsFile>;
export type SpScheduledMaintenancesFile = z.infer<typeof spScheduledMaintenancesFile>;
