import { setTimeout as sleep } from 'node:timers/promises';
import type { Webhook } from '../content';
import { keyValues } from './log';
import type { OutageEvent } from './outages';

/** How hard a webhook delivery tries. */
export type DeliveryOptions = {
  /** One attempt's budget. */
  timeoutMs: number;
  /** Extra attempts after a network error, a timeout, a 429 or a 5xx. */
  retries: number;
  retryDelayMs: number;
};

export const defaultDelivery: DeliveryOptions = { timeoutMs: 5_000, retries: 2, retryDelayMs: 1_000 };

/** What an alert needs to know about the site to speak in its words. */
export type AlertContext = { siteName: string; componentNames: Record<string, string> };

/** Outpost's own JSON body: one object per confirmed change. */
export function jsonAlert(event: OutageEvent, context: AlertContext) {
  const { outage } = event;
  return {
    type: event.type === 'opened' ? 'outage.opened' : 'outage.closed',
    site: context.siteName,
    component: { id: outage.componentId, name: context.componentNames[outage.componentId] ?? outage.componentId },
    check: outage.checkId,
    location: event.location,
    startedAt: outage.startedAt,
    confirmedAt: outage.confirmedAt,
    endedAt: outage.endedAt,
    reason: outage.reason,
  };
}

/** A Slack-compatible body (`{text}`), which Slack, Mattermost, Discord's /slack endpoint and others accept. */
export function slackAlert(event: OutageEvent, context: AlertContext): { text: string } {
  const { outage } = event;
  const name = context.componentNames[outage.componentId] ?? outage.componentId;
  const since = outage.startedAt.replace('T', ' ').slice(0, 16);
  if (event.type === 'opened') {
    return { text: `${context.siteName}: ${name} is down since ${since} UTC (confirmed from ${event.location}): ${outage.reason}` };
  }
  const minutes = Math.round((Date.parse(outage.endedAt!) - Date.parse(outage.startedAt)) / 60_000);
  return { text: `${context.siteName}: ${name} has recovered after ${minutes} min (seen from ${event.location})` };
}

/** The outcome of one delivery, for the log. The URL is never included: it is often a secret. */
export type Delivery = { ok: boolean; attempts: number; detail: string };

/** POSTs one event to one webhook, retrying what may pass on a second try. Never throws. */
export async function deliver(hook: Webhook, event: OutageEvent, context: AlertContext, options: DeliveryOptions = defaultDelivery): Promise<Delivery> {
  const body = JSON.stringify(hook.format === 'slack' ? slackAlert(event, context) : jsonAlert(event, context));
  let detail = '';
  for (let attempt = 1; ; attempt++) {
    let retry = false;
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'outpost-pinger', ...hook.headers },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'error',
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true, attempts: attempt, detail: `HTTP ${response.status}` };
      detail = `HTTP ${response.status}`;
      retry = response.status === 429 || response.status >= 500;
    } catch (error) {
      const name = (error as Error).name;
      detail = name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : `network error (${((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? name})`;
      retry = true;
    }
    if (!retry || attempt > options.retries) return { ok: false, attempts: attempt, detail };
    await sleep(options.retryDelayMs);
  }
}

/**
 * Sends alerts in the background: `notify` returns at once, so a slow or dead webhook never delays a check.
 * `drain` waits (up to a limit) for what is in flight, for a one-round run or a shutdown.
 */
export class Alerter {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly hooks: readonly Webhook[],
    private readonly context: AlertContext,
    private readonly log: (line: string) => void,
    private readonly options: DeliveryOptions = defaultDelivery,
  ) {}

  /** Starts delivering each event to each webhook; does not wait. */
  notify(events: readonly OutageEvent[]): void {
    for (const event of events) {
      this.hooks.forEach((hook, i) => {
        const sending = deliver(hook, event, this.context, this.options).then((d) => {
          this.log(keyValues({ alert: event.type, check: event.outage.checkId, location: event.location, webhook: i + 1, delivered: d.ok, attempts: d.attempts, detail: d.detail }));
        });
        this.inFlight.add(sending);
        void sending.finally(() => this.inFlight.delete(sending));
      });
    }
  }

  /** Waits for alerts in flight, at most `limitMs`. */
  async drain(limitMs: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    const timer = sleep(limitMs, undefined, { ref: false });
    await Promise.race([Promise.all(this.inFlight), timer]);
  }
}
