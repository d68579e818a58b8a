import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../monitor/store';
import { changesBetween } from './events';
import { backoffMs, claim, defaultRetry, expand, outboxFile, prune, recordChanges, settle, type Outcome } from './outbox';
import type { OutboxData } from './schema';
import { newSubscriber } from './subscribers';
import { subscribePageData } from './subscribe-page';
import { at, incident, site, tempDir, view } from './test-support';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const events = changesBetween(view('09:00'), view('10:00', [incident('db', { api: 'major_outage' }, [['10:00', 'investigating']])]), new Date(at('10:00')));
const t = (hhmm: string) => new Date(at(hhmm));

function outboxWith(subscribers = 2): { data: OutboxData; subs: ReturnType<typeof newSubscriber>[] } {
  const subs = Array.from({ length: subscribers }, (_, i) => newSubscriber({ channel: 'slack', address: `https://hooks.example.com/${i}`, components: [], active: true, now: t('09:00') }));
  const data: OutboxData = { version: 1, events: events.map((e) => ({ ...e, recordedAt: at('10:00'), expandedAt: null })), messages: [], seen: {} };
  expand(data, subs, t('10:00'));
  return { data, subs };
}

describe('outbox', () => {
  it('fans out to active subscribers who had confirmed when the change was recorded, once', () => {
    const late = newSubscriber({ channel: 'slack', address: 'https://hooks.example.com/late', components: [], active: true, now: t('11:00') });
    const pending = newSubscriber({ channel: 'email', address: 'p@example.com', components: [], active: false, now: t('09:00') });
    const { data, subs } = outboxWith(1);
    expect(data.messages.map((m) => m.subscriberId)).toEqual([subs[0]!.id]); // component.updated is for webhooks only
    expect(expand(data, [...subs, late, pending], t('11:00'))).toBe(0);
  });

  it('a lease is exclusive until it runs out; an outcome from a sender that lost its lease is not applied', () => {
    const { data } = outboxWith(2);
    expect(claim(data, 'a', t('10:00'), 10, 60_000)).toHaveLength(2);
    expect(claim(data, 'b', t('10:00'), 10, 60_000)).toHaveLength(0);
    const stolen = claim(data, 'b', t('10:02'), 10, 60_000);
    expect(stolen).toHaveLength(2);
    const sent: Outcome = { kind: 'sent', detail: 'HTTP 200' };
    expect(settle(data, 'a', new Map(stolen.map((c) => [c.message.id, sent])), t('10:02'), defaultRetry)).toBe(0);
    expect(settle(data, 'b', new Map(stolen.map((c) => [c.message.id, sent])), t('10:02'), defaultRetry)).toBe(2);
    expect(data.messages.every((m) => m.state === 'sent' && m.lease === null)).toBe(true);
  });

  it('retries back off exponentially (with ±20% jitter), capped, and die after maxAttempts', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, defaultRetry, 0.5))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30, defaultRetry, 0.5)).toBe(3_600_000);
    expect(backoffMs(1, defaultRetry, 0)).toBe(24_000);
    const { data } = outboxWith(1);
    const policy = { maxAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 1_000 };
    const retry: Outcome = { kind: 'retry', detail: 'HTTP 503', retryAfterMs: 5_000 };
    const [c] = claim(data, 'a', t('10:00'), 1, 60_000);
    settle(data, 'a', new Map([[c!.message.id, retry]]), t('10:00'), policy, () => 0.5);
    expect(data.messages[0]).toMatchObject({ state: 'pending', attempts: 1, nextAt: '2026-03-14T10:00:05.000Z' });
    claim(data, 'a', t('10:01'), 1, 60_000);
    settle(data, 'a', new Map([[c!.message.id, retry]]), t('10:01'), policy);
    expect(data.messages[0]).toMatchObject({ state: 'dead', attempts: 2, error: 'HTTP 503' });
  });

  it('prune keeps dead letters, drops old sent messages, and remembers their events by id', async () => {
    const { data } = outboxWith(1);
    const [c] = claim(data, 'a', t('10:00'), 1, 60_000);
    settle(data, 'a', new Map([[c!.message.id, { kind: 'sent', detail: 'ok' } as Outcome]]), t('10:00'), defaultRetry);
    prune(data, new Date(Date.parse(at('10:00')) + 15 * 86_400_000));
    expect(data.messages).toEqual([]);
    expect(Object.keys(data.seen).sort()).toEqual(events.map((e) => e.id).sort());
    const dir = tempDir();
    dirs.push(dir);
    const outbox = outboxFile(dir);
    await outbox.update((d) => Object.assign(d, data));
    expect(await recordChanges(outbox, events)).toBe(0);
  });

  it('an outbox file that is not valid is reported with its name and left as it is', async () => {
    const dir = tempDir();
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'outbox.json'), '{"version": 1, "events": "oops"}');
    await expect(recordChanges(outboxFile(dir), events)).rejects.toThrow(StoreError);
    await expect(recordChanges(outboxFile(dir), events)).rejects.toThrow(/outbox\.json: not a valid Outpost notify file: events/);
    expect(fs.readFileSync(path.join(dir, 'outbox.json'), 'utf8')).toBe('{"version": 1, "events": "oops"}');
  });
});

describe('subscribePageData', () => {
  it('gives the form, feeds per component and chat formats; no form without a sign-up service', () => {
    const data = subscribePageData(site);
    expect(data.signup).toMatchObject({ action: 'https://status.acme.example/subscribe/', method: 'post', fields: { honeypot: { name: 'website' } } });
    expect(data.signup!.fields.components.options.map((o) => o.value)).toEqual(['api', 'web']);
    expect(data.feeds.calendar.webcal).toBe('webcal://status.acme.example/maintenance.ics');
    expect(data.feeds.components[0]).toEqual({ id: 'api', name: 'API', rss: 'https://status.acme.example/components/api/feed.xml', calendar: 'webcal://status.acme.example/components/api/maintenance.ics' });
    expect(subscribePageData({ ...site, notifications: undefined }).signup).toBeNull();
  });
});
