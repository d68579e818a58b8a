import { createHash } from 'node:crypto';
import path from 'node:path';
import { LockedFile } from './locked-file';
import { outboxData, outboxVersion, type Channel, type NotifyEvent, type OutboxData, type OutboxMessage, type RecordedEvent, type Subscriber } from './schema';
import { wants } from './subscribers';

/**
 * The outbox, `<notify dir>/outbox.json`: recorded events and one message per (subscriber, event). Every
 * change happens under the file's lock, so a message is leased to one sender at a time; a sender that dies
 * leaves a lease that runs out, and the message is sent again with the same idempotency key.
 */

export type Outbox = LockedFile<OutboxData>;

/** The outbox of a notify folder. */
export function outboxFile(notifyDir: string): Outbox {
  return new LockedFile(path.join(notifyDir, 'outbox.json'), outboxData, () => ({ version: outboxVersion, events: [], messages: [], seen: {} }));
}

/** Records events not recorded before (by id); returns how many were new. Cheap: fan-out is the sender's job. */
export async function recordChanges(outbox: Outbox, events: readonly NotifyEvent[], now: Date = new Date()): Promise<number> {
  if (events.length === 0) return 0;
  return outbox.update((data) => {
    const known = new Set([...data.events.map((e) => e.id), ...Object.keys(data.seen)]);
    let added = 0;
    for (const event of events) {
      if (known.has(event.id)) continue;
      known.add(event.id);
      data.events.push({ ...event, recordedAt: now.toISOString(), expandedAt: null });
      added++;
    }
    return added;
  });
}

/** The idempotency key of one (subscriber, event) message. */
export function messageId(eventId: string, subscriberId: string): string {
  return createHash('sha256').update(`${eventId}\n${subscriberId}`).digest('hex').slice(0, 32);
}

/** Which channels hear of which events: component changes are for webhooks, sign-up mails for email. */
export function channelTakes(channel: Channel, event: Pick<NotifyEvent, 'kind'>): boolean {
  if (event.kind === 'component.updated') return channel === 'webhook';
  if (event.kind.startsWith('subscription.')) return channel === 'email';
  return true;
}

/**
 * Makes the messages of every event not yet fanned out, in place: one per active subscriber who chose one of
 * its components and had confirmed by the time it was recorded (or the one subscriber it is for).
 */
export function expand(data: OutboxData, subscribers: readonly Subscriber[], now: Date): number {
  let made = 0;
  for (const event of data.events) {
    if (event.expandedAt) continue;
    const targets = event.to
      ? subscribers.filter((s) => s.id === event.to)
      : subscribers.filter((s) => s.status === 'active' && s.confirmedAt !== null && s.confirmedAt <= event.recordedAt && wants(s, event.components));
    for (const s of targets) {
      if (!channelTakes(s.channel, event)) continue;
      data.messages.push({ id: messageId(event.id, s.id), eventId: event.id, subscriberId: s.id, channel: s.channel, state: 'pending', attempts: 0, nextAt: event.recordedAt, lease: null, error: null, doneAt: null });
      made++;
    }
    event.expandedAt = now.toISOString();
  }
  return made;
}

/** A message leased to a sender, with its event. */
export type Claimed = { message: OutboxMessage; event: RecordedEvent };

/**
 * Leases up to `limit` messages that are due (pending and past `nextAt`, or leased by a sender whose lease ran
 * out) to `owner` until `now + leaseMs`, in place; only `channels` when given. Returns them oldest first.
 */
export function claim(data: OutboxData, owner: string, now: Date, limit: number, leaseMs: number, channels?: ReadonlySet<Channel>): Claimed[] {
  const t = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const events = new Map(data.events.map((e) => [e.id, e]));
  const claimed: Claimed[] = [];
  for (const message of data.messages) {
    if (claimed.length >= limit) break;
    const due = (message.state === 'pending' && message.nextAt <= t) || (message.state === 'sending' && message.lease !== null && message.lease.until <= t);
    if (!due || (channels && !channels.has(message.channel))) continue;
    const event = events.get(message.eventId);
    if (!event) continue;
    message.state = 'sending';
    message.lease = { owner, until };
    claimed.push({ message: { ...message }, event });
  }
  return claimed;
}

/** How one attempt went. */
export type Outcome =
  | { kind: 'sent'; detail: string }
  /** Worth another try later (network, timeout, 429, 5xx); `retryAfterMs` when the receiver said when. */
  | { kind: 'retry'; detail: string; retryAfterMs?: number }
  /** Will never work (4xx, a refused address): dead at once. */
  | { kind: 'permanent'; detail: string }
  /** The subscriber is gone or no longer wants it. */
  | { kind: 'skipped'; detail: string };

export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };

export const defaultRetry: RetryPolicy = { maxAttempts: 10, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/** The wait before attempt `attempts + 1`: doubling from the base, capped, with ±20% jitter from `random`. */
export function backoffMs(attempts: number, policy: RetryPolicy, random: number): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + 0.4 * random));
}

/**
 * Applies outcomes to the messages this owner still holds, in place. A message whose lease another sender
 * has taken since (ours ran out) is left to them. Returns how many were applied.
 */
export function settle(data: OutboxData, owner: string, results: ReadonlyMap<string, Outcome>, now: Date, policy: RetryPolicy, random: () => number = Math.random): number {
  let applied = 0;
  const at = now.toISOString();
  for (const message of data.messages) {
    const outcome = results.get(message.id);
    if (!outcome || message.state !== 'sending' || message.lease?.owner !== owner) continue;
    applied++;
    message.lease = null;
    message.attempts += outcome.kind === 'skipped' ? 0 : 1;
    message.error = outcome.kind === 'sent' ? null : outcome.detail;
    if (outcome.kind === 'sent' || outcome.kind === 'skipped' || outcome.kind === 'permanent') {
      message.state = outcome.kind === 'permanent' ? 'dead' : outcome.kind;
      message.doneAt = at;
    } else if (message.attempts >= policy.maxAttempts) {
      message.state = 'dead';
      message.doneAt = at;
    } else {
      message.state = 'pending';
      const wait = Math.max(outcome.retryAfterMs ?? 0, backoffMs(message.attempts, policy, random()));
      message.nextAt = new Date(now.getTime() + wait).toISOString();
    }
  }
  return applied;
}

/** How long finished messages and fanned-out events stay in the outbox, for `notify status` and doctor. */
export type Retention = { doneDays: number; seenDays: number };
export const defaultRetention: Retention = { doneDays: 14, seenDays: 400 };

/**
 * Keeps the outbox bounded, in place: sent and skipped messages older than `doneDays` go (dead ones stay
 * until `notify retry` or `notify purge`); an event with no message left becomes a bare id in `seen`.
 */
export function prune(data: OutboxData, now: Date, retention: Retention = defaultRetention): void {
  const doneBefore = new Date(now.getTime() - retention.doneDays * 86_400_000).toISOString();
  const seenBefore = new Date(now.getTime() - retention.seenDays * 86_400_000).toISOString();
  data.messages = data.messages.filter((m) => !((m.state === 'sent' || m.state === 'skipped') && m.doneAt !== null && m.doneAt < doneBefore));
  const live = new Set(data.messages.map((m) => m.eventId));
  data.events = data.events.filter((e) => {
    if (!e.expandedAt || live.has(e.id) || e.recordedAt >= doneBefore) return true;
    data.seen[e.id] = e.recordedAt;
    return false;
  });
  for (const [id, at] of Object.entries(data.seen)) if (at < seenBefore) delete data.seen[id];
}

/** Counts by state, the oldest due message and the dead letters, for `notify status` and `doctor`. */
export function outboxStats(data: OutboxData, channels?: ReadonlySet<Channel>) {
  const counts = { pending: 0, sending: 0, sent: 0, dead: 0, skipped: 0 };
  for (const m of data.messages) counts[m.state]++;
  const waiting = data.events.filter((e) => !e.expandedAt).length;
  const deadLetters = data.messages.filter((m) => m.state === 'dead');
  const due = data.messages.filter((m) => (m.state === 'pending' || m.state === 'sending') && (!channels || channels.has(m.channel)));
  const nextAt = due.reduce<string | null>((min, m) => {
    const at = m.state === 'sending' ? (m.lease?.until ?? m.nextAt) : m.nextAt;
    return min === null || at < min ? at : min;
  }, null);
  return { ...counts, events: data.events.length, waitingEvents: waiting, nextAt, deadLetters };
}

/** Puts dead letters back in the queue (after fixing the receiver); returns how many. */
export function retryDead(data: OutboxData, now: Date): number {
  let n = 0;
  for (const m of data.messages) {
    if (m.state !== 'dead') continue;
    Object.assign(m, { state: 'pending', attempts: 0, nextAt: now.toISOString(), doneAt: null, lease: null });
    n++;
  }
  return n;
}
