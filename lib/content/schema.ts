import { z } from 'zod';
import { check, monitoring, provider } from './check-schema';
import { reportRules, slaTarget } from './reports-schema';
import { componentStatus, httpUrl, id, impact, incidentStatus, maintenanceUpdateStatus, markdown, singleLine, time } from './fields';
import { langs } from '../i18n';

/** A heading on the page that components sit under. */
export const groupSchema = z.strictObject({
  id,
  name: singleLine,
  description: singleLine.optional(),
});

/** One thing the page lists a status for. */
export const componentSchema = z.strictObject({
  id,
  name: singleLine,
  /** One sentence for readers: what this component is. */
  description: singleLine.optional(),
  /** The group id it is listed under; none lists it on its own. */
  group: id.optional(),
  /** How the pinger watches it; none means its status comes from incidents alone. */
  checks: z.array(check).default([]),
  /** An uptime target in percent (99.9): reports say whether it was met and how much error budget is left. */
  sla: slaTarget.optional(),
});

/** Subscriptions (lib/notify): where readers sign up, and what is announced. */
export const notificationsSchema = z.strictObject({
  /** The public address of `outpost subscribe-service` (behind the site's nginx); none: the Subscribe page offers feeds and webhooks only. */
  signupUrl: httpUrl.transform((u) => u.replace(/\/+$/, '')).optional(),
  /** Also announce outages the pinger confirms with no incident written yet, marked as automatic. */
  automaticOutages: z.boolean().default(false),
});
export type Notifications = z.infer<typeof notificationsSchema>;

/** content/site.yaml */
export const siteSchema = z.strictObject({
  /** Shown in the header, titles and feeds. */
  name: singleLine,
  /** The public address the site is served from; feeds, images and JSON use it for absolute links. */
  url: httpUrl.transform((u) => u.replace(/\/+$/, '')),
  /** One line under the name. */
  description: singleLine.optional(),
  /** A link back to the product, shown in the header. */
  homepage: httpUrl.optional(),
  /** The language of every word Outpost writes on the site (lib/i18n, docs/languages.md); content stays as written. */
  language: z.enum(langs).default('en'),
  /**
   * For the shipped example only: every time in content/ and data/ is moved by (now − anchor) when read,
   * so the example looks the same whenever it is built. Remove it for a real site.
   */
  exampleAnchor: time.optional(),
  /** How many days (UTC, today included) the home page lists under "Past incidents". */
  pastDays: z.number().int().min(1).max(90).default(7),
  groups: z.array(groupSchema).default([]),
  components: z.array(componentSchema).min(1, { error: 'expected at least one component, got none' }),
  monitoring,
  /** Other status pages this site depends on, shown in a Providers group of their own. */
  providers: z.array(provider).default([]),
  /** How uptime is counted, on the pages and in reports (lib/content/reports-schema.ts). */
  reports: reportRules,
  /** Email sign-up and automatic-outage notifications (docs/notifications.md). */
  notifications: notificationsSchema.optional(),
});
export type Site = z.infer<typeof siteSchema>;
export type Component = z.infer<typeof componentSchema>;
export type Group = z.infer<typeof groupSchema>;

/** One entry in an incident's timeline. */
export const incidentUpdateSchema = z.strictObject({
  at: time,
  status: incidentStatus,
  message: markdown,
  /** A new status for some affected components from this update on. */
  components: z.record(id, componentStatus).optional(),
});

/** Front matter of content/incidents/<yyyy-mm-dd>-<slug>.md */
export const incidentSchema = z.strictObject({
  title: singleLine,
  impact,
  /** When the incident began, if earlier than its first update (detected before announced). */
  startedAt: time.optional(),
  /** Affected component id → its status while the incident is open. */
  components: z.record(id, componentStatus).default({}),
  /** The timeline, oldest first. */
  updates: z.array(incidentUpdateSchema).min(1, { error: 'expected at least one update, got none' }),
});
export type IncidentUpdate = z.infer<typeof incidentUpdateSchema>;

/** One note on a maintenance window. */
export const maintenanceUpdateSchema = z.strictObject({
  at: time,
  status: maintenanceUpdateStatus.optional(),
  message: markdown,
});

/** Front matter of content/maintenance/<yyyy-mm-dd>-<slug>.md */
export const maintenanceSchema = z.strictObject({
  title: singleLine,
  /** Component ids under maintenance during the window. */
  components: z.array(id).min(1, { error: 'expected at least one component id, got none' }),
  start: time,
  end: time,
  /** What readers are told before and during the window. */
  description: markdown.optional(),
  updates: z.array(maintenanceUpdateSchema).default([]),
});
export type MaintenanceUpdate = z.infer<typeof maintenanceUpdateSchema>;

/** An incident as the site uses it: front matter plus what follows from the file. */
export type Incident = z.infer<typeof incidentSchema> & {
  /** The file name without `.md`: the URL segment. */
  id: string;
  /** Path relative to the project, for messages. */
  file: string;
  /** Markdown below the front matter: summary or postmortem. */
  body: string;
  /** When it began: `startedAt`, or its first update. */
  began: string;
  /** Its first `resolved` update, or null while open. */
  resolvedAt: string | null;
};

/** A maintenance window as the site uses it. */
export type Maintenance = z.infer<typeof maintenanceSchema> & {
  id: string;
  file: string;
  body: string;
  /** When a `completed` or `cancelled` update ended it early, that update. */
  endedEarly: { at: string; status: 'completed' | 'cancelled' } | null;
};

/** Everything in content/, validated. */
export type Content = {
  site: Site;
  /** Newest first. */
  incidents: Incident[];
  /** Soonest start first. */
  maintenance: Maintenance[];
  /** Milliseconds every stored time was moved by (`exampleAnchor`); 0 for a real site. */
  clockShiftMs: number;
};
