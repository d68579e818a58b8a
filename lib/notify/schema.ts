import { z } from 'zod';
import { langs } from '../i18n';

/** What happened, in the words receivers see (`incident.updated`). */
export const eventKinds = [
  'incident.created',
  'incident.updated',
  'incident.resolved',
  'incident.postmortem',
  'maintenance.scheduled',
  'maintenance.started',
  'maintenance.updated',
  'maintenance.completed',
  'maintenance.cancelled',
  'outage.confirmed',
  'outage.ended',
  'component.updated',
  'subscription.confirm',
  'subscription.existing',
] as const;
export const eventKind = z.enum(eventKinds);
export type EventKind = z.infer<typeof eventKind>;

/** How a subscriber is reached. */
export const channels = ['email', 'webhook', 'slack', 'discord', 'teams', 'googlechat'] as const;
export const channel = z.enum(channels);
export type Channel = z.infer<typeof channel>;

/** One update in a Statuspage-shaped incident or maintenance snapshot. */
export const spUpdate = z.object({
  id: z.string(),
  incident_id: z.string(),
  status: z.string(),
  body: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  display_at: z.string(),
});

/** An incident or maintenance as Statuspage's webhooks describe it, frozen when the event was recorded. */
export const spIncident = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  impact: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  monitoring_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  shortlink: z.string(),
  scheduled_for: z.string().nullable(),
  scheduled_until: z.string().nullable(),
  postmortem_body: z.string().nullable(),
  /** Newest first, as Statuspage sends them. */
  incident_updates: z.array(spUpdate),
  components: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
});
export type SpIncident = z.infer<typeof spIncident>;

/**
 * One published change, frozen when recorded: every channel renders its message from this alone, so a
 * retry sends the same bytes (and the same signature) however the site changed since.
 */
export const notifyEvent = z.object({
  /** Stable: the same change always has the same id (`incident:<id>:update:<n>`), so it is recorded once. */
  id: z.string().min(1),
  kind: eventKind,
  /** When it happened (the update's time, the window's start…). */
  at: z.string(),
  /** Found by the pinger, not written by staff. */
  automatic: z.boolean(),
  /** The component ids it concerns; a subscriber to any of them receives it. Empty: everyone. */
  components: z.array(z.string()),
  /** Only for this subscriber (a confirmation mail); null for everyone who chose its components. */
  to: z.string().nullable(),
  page: z.object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    indicator: z.string(),
    description: z.string(),
    /** The sign-up service's public address, for manage and unsubscribe links; null when none runs. */
    signupUrl: z.string().nullable(),
    /** The site's language when the event was recorded: every message of it is in this language (events recorded before there was one: English). */
    lang: z.enum(langs).default('en'),
  }),
  /** The incident's or window's title, or the component's name. */
  title: z.string(),
  /** The status word after the change (`identified`, `in_progress`, `major_outage`). */
  status: z.string(),
  /** Markdown written by staff, or Outpost's own words for automatic events. */
  message: z.string(),
  /** The page about it. */
  url: z.string(),
  /** Names of the components it concerns, by id. */
  componentNames: z.record(z.string(), z.string()),
  /** Statuspage-shaped snapshot for webhooks; null for outages and component changes. */
  incident: spIncident.nullable(),
  /** For `component.updated` and outages: what changed. */
  componentUpdate: z.object({ componentId: z.string(), oldStatus: z.string(), newStatus: z.string() }).nullable(),
});
export type NotifyEvent = z.infer<typeof notifyEvent>;

/** Where one (subscriber, event) message stands. */
export const messageStates = ['pending', 'sending', 'sent', 'dead', 'skipped'] as const;

/** One (subscriber, event) delivery in the outbox. */
export const outboxMessage = z.object({
  /** The idempotency key receivers see: a hash of the event id and the subscriber id. */
  id: z.string(),
  eventId: z.string(),
  subscriberId: z.string(),
  channel,
  state: z.enum(messageStates),
  attempts: z.number().int().min(0),
  /** When it may be tried (again). */
  nextAt: z.string(),
  /** Who is sending it, until when: no other sender touches it before then. */
  lease: z.object({ owner: z.string(), until: z.string() }).nullable(),
  /** The last failure, in words (never an address). */
  error: z.string().nullable(),
  /** When it was sent, given up (dead) or skipped. */
  doneAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;

export const outboxVersion = 1;

/** notify/outbox.json */
export const outboxData = z.object({
  version: z.literal(outboxVersion),
  /** Recorded events with their snapshot; `expandedAt` once a message was made for each subscriber. */
  events: z.array(notifyEvent.extend({ recordedAt: z.string(), expandedAt: z.string().nullable() })),
  messages: z.array(outboxMessage),
  /** Ids of events whose snapshots were pruned → when recorded: still never recorded twice. */
  seen: z.record(z.string(), z.string()),
  /** Each component's status at the last publish, to tell a change of it at the next (lib/notify/record.ts); none before the first. */
  published: z.object({ at: z.string(), components: z.record(z.string(), z.object({ status: z.string(), detectedAutomatically: z.boolean() })) }).optional(),
});
export type OutboxData = z.infer<typeof outboxData>;
export type RecordedEvent = OutboxData['events'][number];

/** One subscriber. */
export const subscriber = z.object({
  /** Random, never shown to others. */
  id: z.string(),
  channel,
  /** An email address or a webhook URL. */
  address: z.string(),
  /** Component ids chosen; empty means the whole page. */
  components: z.array(z.string()),
  /** pending until the confirmation link is used (email sign-ups); staff-added ones start active. */
  status: z.enum(['pending', 'active']),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  /** Changes whenever the subscription does: every link made before stops working. */
  nonce: z.string(),
  /** Webhook signing secret (HMAC-SHA256 of the body), shown once when added. */
  secret: z.string().nullable(),
  /** When the last sign-up mail (confirmation or "already subscribed") was queued: one per address per hour. */
  lastMailAt: z.string().nullable(),
});
export type Subscriber = z.infer<typeof subscriber>;

export const subscribersVersion = 1;

/** notify/subscribers.json */
export const subscribersData = z.object({
  version: z.literal(subscribersVersion),
  /** Secret key behind every manage, confirm and unsubscribe link (HMAC-SHA256). */
  tokenKey: z.string().min(32),
  subscribers: z.array(subscriber),
});
export type SubscribersData = z.infer<typeof subscribersData>;
