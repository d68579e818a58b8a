import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import { discordMessage, emailContent, googleChatMessage, slackMessage, teamsMessage, webhookPayload, type Links } from './formats';
import { postJson, signature } from './http-post';
import { buildMime } from './mime';
import { claim, defaultRetry, expand, outboxFile, outboxStats, prune, settle, type Claimed, type Outcome, type RetryPolicy } from './outbox';
import { channels, type Channel, type RecordedEvent, type Subscriber, type SubscribersData } from './schema';
import type { MailTransport } from './smtp';
import { addressLabel, randomId, subscribersFile, tokenFor, wants } from './subscribers';

/**
 * The sender: takes due messages from the outbox under a lease, delivers them, and records each outcome
 * in the next write of the outbox. It never runs inside a build, publish or check: `outpost notify send` runs it.
 */

export type SenderOptions = {
  notifyDir: string;
  /** Names this sender in leases; unique per process by default. */
  owner?: string;
  /** Where email goes; without it, email messages wait in the outbox for a sender that has it. */
  mail?: { transport: MailTransport; from: string } | null;
  /** Messages leased at once. */
  batchSize?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** How long a lease lasts: far longer than one delivery may take. */
  leaseMs?: number;
  /** One HTTP delivery's budget. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Messages per second per channel in this process; 0 or absent channel: the default; Infinity: none. */
  rates?: Partial<Record<Channel, number>>;
  log?: (line: string) => void;
  now?: () => Date;
};

/** Messages per second per channel unless told otherwise (Slack allows about 1 per second per webhook). */
export const defaultRates: Record<Channel, number> = { email: 50, webhook: 50, slack: 1, discord: 1, teams: 1, googlechat: 1 };

/** What one pass did. */
export type PassReport = { sent: number; retried: number; dead: number; skipped: number; nextAt: string | null };

/** Spaces calls `1000 / rate` ms apart; Infinity lets every call through at once. */
export class RateLimit {
  private next = 0;
  constructor(private readonly perSecond: number) {}
  /** Resolves when the caller may go. */
  async take(): Promise<void> {
    if (!Number.isFinite(this.perSecond)) return;
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await sleep(at - now);
  }
}

/** The links one subscriber's message carries (to the sign-up service, or the page's Subscribe page when none runs). */
export function linksFor(event: RecordedEvent, subscriber: Subscriber, tokenKey: string): Links {
  const base = event.page.signupUrl ?? `${event.page.url}/subscribe`;
  const link = (path: string, purpose: 'confirm' | 'manage' | 'unsubscribe') => `${base}/${path}?token=${tokenFor(tokenKey, subscriber, purpose)}`;
  return { unsubscribe: link('unsubscribe', 'unsubscribe'), manage: link('manage', 'manage'), confirm: link('confirm', 'confirm') };
}

/** A sender for one notify folder. `pass()` sends everything due now; `watch()` keeps going. */
export class Sender {
  readonly owner: string;
  private readonly outbox;
  private readonly subscribers;
  private readonly limits = new Map<Channel, RateLimit>();
  private readonly options: Required<Omit<SenderOptions, 'mail' | 'owner' | 'rates'>> & Pick<SenderOptions, 'mail'>;

  constructor(options: SenderOptions) {
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomId(4)}`;
    this.outbox = outboxFile(options.notifyDir);
    this.subscribers = subscribersFile(options.notifyDir);
    this.options = {
      batchSize: 500,
      concurrency: 32,
      leaseMs: 120_000,
      timeoutMs: 10_000,
      retry: defaultRetry,
      log: console.log,
      now: () => new Date(),
      ...options,
    };
    for (const channel of channels) this.limits.set(channel, new RateLimit(options.rates?.[channel] || defaultRates[channel]));
  }

  /** The channels this sender can deliver: email only with a mail transport. */
  private get channels(): Set<Channel> {
    return new Set(channels.filter((c) => c !== 'email' || this.options.mail));
  }

  /** Fans out new events, then leases and sends due messages batch by batch until none is due (or `signal` stops it after a batch). */
  async pass(signal?: AbortSignal): Promise<PassReport> {
    const report: PassReport = { sent: 0, retried: 0, dead: 0, skipped: 0, nextAt: null };
    const { now, batchSize, leaseMs } = this.options;
    const able = this.channels;
    for (;;) {
      const subscribers = await this.subscribers.read();
      const batch = await this.outbox.update((data) => {
        expand(data, subscribers.subscribers, now());
        const taken = claim(data, this.owner, now(), batchSize, leaseMs, able);
        if (taken.length === 0) {
          prune(data, now());
          report.nextAt = outboxStats(data, able).nextAt;
        }
        return taken;
      });
      if (batch.length === 0) return report;
      await this.sendBatch(batch, subscribers, report);
      if (signal?.aborted) return report;
    }
  }

  private async sendBatch(batch: Claimed[], subscribers: SubscribersData, report: PassReport): Promise<void> {
    const byId = new Map(subscribers.subscribers.map((s) => [s.id, s]));
    const limit = pLimit(this.options.concurrency);
    // Group commit: an outcome is written as soon as no write is in progress, together with every outcome
    // that arrived during the previous write, so the window a kill can re-send is one write long.
    let outcomes = new Map<string, Outcome>();
    let writing: Promise<void> | null = null;
    const flush = (): Promise<void> | null => {
      if (writing || outcomes.size === 0) return writing;
      const ready = outcomes;
      outcomes = new Map();
      writing = this.outbox
        .update((data) => void settle(data, this.owner, ready, this.options.now(), this.options.retry))
        .finally(() => {
          writing = null;
          void flush();
        });
      // Handled here so a failed write never crashes the process; the loop at the end still sees it.
      writing.catch(() => {});
      return writing;
    };
    await Promise.all(
      batch.map((claimed) =>
        limit(async () => {
          const subscriber = byId.get(claimed.message.subscriberId);
          const outcome = await this.deliver(claimed, subscriber, subscribers.tokenKey);
          outcomes.set(claimed.message.id, outcome);
          void flush();
          this.count(report, claimed, outcome);
          this.options.log(
            `notify=${outcome.kind} channel=${claimed.message.channel} event=${claimed.event.id} subscriber=${subscriber ? addressLabel(subscriber.address) : 'gone'} attempt=${claimed.message.attempts + 1} detail=${JSON.stringify(outcome.detail)}`,
          );
        }),
      ),
    );
    // Wait until every outcome is written (a failed write is thrown here: the leases then run out).
    while (writing || outcomes.size > 0) await (flush() ?? Promise.resolve());
  }

  private count(report: PassReport, claimed: Claimed, outcome: Outcome): void {
    if (outcome.kind === 'sent') report.sent++;
    else if (outcome.kind === 'skipped') report.skipped++;
    else if (outcome.kind === 'permanent' || claimed.message.attempts + 1 >= this.options.retry.maxAttempts) report.dead++;
    else report.retried++;
  }

  /** One delivery: skips a subscriber who left or no longer wants it, then the channel's own way. */
  private async deliver({ message, event }: Claimed, subscriber: Subscriber | undefined, tokenKey: string): Promise<Outcome> {
    if (!subscriber) return { kind: 'skipped', detail: 'subscriber removed' };
    if (!event.to && (subscriber.status !== 'active' || !wants(subscriber, event.components))) return { kind: 'skipped', detail: 'no longer subscribed to this' };
    const links = linksFor(event, subscriber, tokenKey);
    await this.limits.get(message.channel)!.take();
    const headers = { 'idempotency-key': message.id, 'x-outpost-event': event.kind, 'x-outpost-delivery': message.id };
    const post = (body: unknown, extra: Record<string, string> = {}) => postJson(subscriber.address, JSON.stringify(body), { ...headers, ...extra }, this.options.timeoutMs);
    switch (message.channel) {
      case 'webhook': {
        const body = JSON.stringify(webhookPayload(event, links, message.id));
        const signed: Record<string, string> = subscriber.secret ? { 'x-outpost-signature': signature(subscriber.secret, body) } : {};
        return postJson(subscriber.address, body, { ...headers, ...signed }, this.options.timeoutMs);
      }
      case 'slack':
        return post(slackMessage(event, links));
      case 'discord':
        return post(discordMessage(event, links));
      case 'teams':
        return post(teamsMessage(event, links));
      case 'googlechat':
        return post(googleChatMessage(event, links));
      case 'email': {
        const mail = this.options.mail!;
        const oneClick = event.page.signupUrl && !event.kind.startsWith('subscription.') ? links.unsubscribe : undefined;
        const mime = buildMime({ from: mail.from, to: subscriber.address, content: emailContent(event, links), idempotencyKey: message.id, unsubscribeUrl: oneClick, listId: event.page.id, date: new Date(event.recordedAt) });
        return mail.transport.send(mime);
      }
    }
  }

  /** Passes until `signal` aborts, waiting up to `idleMs` between passes when nothing was due. */
  async watch(signal: AbortSignal, idleMs = 1_000): Promise<void> {
    while (!signal.aborted) {
      const report = await this.pass(signal);
      const untilDue = report.nextAt ? Date.parse(report.nextAt) - this.options.now().getTime() : idleMs;
      const wait = Math.max(50, Math.min(idleMs, untilDue));
      await sleep(wait, undefined, { signal }).catch(() => {});
    }
  }
}
