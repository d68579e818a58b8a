import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../monitor/test-support';
import { changesBetween } from './events';
import { fileMode } from './locked-file';
import { outboxFile, outboxStats, recordChanges } from './outbox';
import type { Channel, NotifyEvent } from './schema';
import { Sender, type SenderOptions } from './sender';
import { SmtpTransport } from './smtp';
import { newSubscriber, subscribersFile } from './subscribers';
import { at, incident, smtpReceiver, tempDir, textPart, verifySignature, view, webhookReceiver, type Receiver } from './test-support';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const quiet = () => {};
const fast = { retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 }, timeoutMs: 500, rates: { webhook: Infinity, slack: Infinity, discord: Infinity, teams: Infinity, googlechat: Infinity, email: Infinity }, log: quiet } satisfies Partial<SenderOptions>;

/** A notify folder with these subscribers (active) and one incident's first update recorded. */
async function setup(subs: { channel: Channel; address: string; components?: string[] }[], events?: NotifyEvent[]) {
  const dir = tempDir();
  dirs.push(dir);
  const made = await subscribersFile(dir).update((data) => {
    const list = subs.map((s) => newSubscriber({ channel: s.channel, address: s.address, components: s.components ?? [], active: true, now: new Date(at('09:00')) }));
    data.subscribers.push(...list);
    return list;
  });
  const recorded = events ?? changesBetween(view('09:00'), view('10:00', [incident('db', { api: 'major_outage' }, [['10:00', 'investigating']])]), new Date(at('10:00')));
  await recordChanges(outboxFile(dir), recorded, new Date(at('10:00')));
  return { dir, subscribers: made };
}

/** Passes until nothing is due (or `limit` passes), waiting for backoff (or another sender) between them. */
async function drain(sender: Sender, limit = 100): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const report = await sender.pass();
    sent += report.sent;
    if (!report.nextAt) return sent;
    await new Promise((r) => setTimeout(r, Math.min(50, Math.max(5, Date.parse(report.nextAt!) - Date.now()))));
  }
  return sent;
}

async function receiver(options?: Parameters<typeof webhookReceiver>[0]): Promise<Receiver> {
  const r = await webhookReceiver(options);
  closers.push(r.close);
  return r;
}

describe('webhooks', () => {
  it('delivers a Statuspage-shaped body signed with the subscriber secret, which the receiver verifies', async () => {
    const r = await receiver();
    const { dir, subscribers } = await setup([{ channel: 'webhook', address: r.url + '/hook' }]);
    await drain(new Sender({ notifyDir: dir, ...fast }));
    const incidentCalls = r.requests.filter((q) => q.headers['x-outpost-event'] === 'incident.created');
    expect(incidentCalls).toHaveLength(1);
    const call = incidentCalls[0]!;
    expect(verifySignature(subscribers[0]!.secret!, call.body, String(call.headers['x-outpost-signature']))).toBe(true);
    expect(verifySignature('not-the-secret', call.body, String(call.headers['x-outpost-signature']))).toBe(false);
    const body = JSON.parse(call.body);
    expect(Object.keys(body)).toEqual(['meta', 'page', 'incident']);
    expect(body.meta.unsubscribe).toMatch(/^https:\/\/status\.acme\.example\/subscribe\/unsubscribe\?token=/);
    expect(body.meta.idempotency_key).toBe(call.headers['idempotency-key']);
    expect(body.page).toEqual({ id: 'status.acme.example', status_indicator: 'critical', status_description: 'Major System Outage' });
    expect(body.incident).toMatchObject({ id: 'db', name: 'Incident db', status: 'investigating', impact: 'major', shortlink: 'https://status.acme.example/incidents/db' });
    expect(body.incident.incident_updates[0]).toMatchObject({ status: 'investigating', body: '**investigating** at 10:00' });
    // The component change goes to webhooks too, as Statuspage's component_update.
    const component = JSON.parse(r.requests.find((q) => q.headers['x-outpost-event'] === 'component.updated')!.body);
    expect(component.component_update).toMatchObject({ component_id: 'api', old_status: 'operational', new_status: 'major_outage' });
    expect(component.component).toMatchObject({ id: 'api', name: 'API', status: 'major_outage' });
    const stats = outboxStats(await outboxFile(dir).read());
    expect(stats).toMatchObject({ sent: 2, pending: 0, dead: 0 });
    expect(fileMode(path.join(dir, 'outbox.json'))).toBe(0o600);
    expect(fileMode(path.join(dir, 'subscribers.json'))).toBe(0o600);
  });

  it.each([
    ['answers 500', 'fail500'],
    ['resets the connection', 'reset'],
    ['is slow (past the timeout)', 'slow'],
  ] as const)('a receiver that %s is retried with backoff and gets the message once it recovers', async (_, behaviour) => {
    const r = await receiver({ behaviour });
    r.slowMs = 1_500;
    const { dir } = await setup([{ channel: 'slack', address: r.url }]);
    // A backoff longer than a pass, so the first pass tries once.
    const sender = new Sender({ notifyDir: dir, ...fast, retry: { maxAttempts: 4, baseDelayMs: 300, maxDelayMs: 300 } });
    const first = await sender.pass();
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    r.behaviour = 'ok';
    await drain(sender);
    expect([...r.acted.values()]).toEqual([1]);
    const data = await outboxFile(dir).read();
    expect(data.messages.map((m) => [m.state, m.attempts])).toEqual([['sent', 2]]);
  });

  it('a receiver that is down: retried maxAttempts times, then a dead letter with the reason', async () => {
    const port = await closedPort();
    const { dir } = await setup([{ channel: 'discord', address: `http://127.0.0.1:${port}/x` }]);
    await drain(new Sender({ notifyDir: dir, ...fast }));
    const [message] = (await outboxFile(dir).read()).messages;
    expect(message).toMatchObject({ state: 'dead', attempts: 4, error: 'network error (ECONNREFUSED)' });
  });

  it('a receiver that answers 410 is a dead letter at once (no retry)', async () => {
    const r = await receiver({ behaviour: 'gone' });
    const { dir } = await setup([{ channel: 'teams', address: r.url }]);
    await drain(new Sender({ notifyDir: dir, ...fast }));
    expect(r.requests).toHaveLength(1);
    expect((await outboxFile(dir).read()).messages[0]).toMatchObject({ state: 'dead', attempts: 1, error: 'HTTP 410' });
  });

  it('each subscriber hears only of the components they chose', async () => {
    const api = await receiver();
    const web = await receiver();
    const all = await receiver();
    const { dir } = await setup([
      { channel: 'googlechat', address: api.url, components: ['api'] },
      { channel: 'googlechat', address: web.url, components: ['web'] },
      { channel: 'googlechat', address: all.url },
    ]);
    await drain(new Sender({ notifyDir: dir, ...fast }));
    expect([api.requests.length, web.requests.length, all.requests.length]).toEqual([1, 0, 1]);
  });

  it('a subscriber removed after the fan-out is skipped, not sent to', async () => {
    const r = await receiver();
    const { dir } = await setup([{ channel: 'slack', address: r.url }]);
    const sender = new Sender({ notifyDir: dir, ...fast, batchSize: 0 });
    await sender.pass(); // fans out, leases nothing
    expect((await outboxFile(dir).read()).messages).toHaveLength(1);
    await subscribersFile(dir).update((d) => void (d.subscribers = []));
    await drain(new Sender({ notifyDir: dir, ...fast }));
    expect(r.requests).toHaveLength(0);
    expect((await outboxFile(dir).read()).messages[0]).toMatchObject({ state: 'skipped' });
  });

  it('recording the same events again sends nothing more', async () => {
    const r = await receiver();
    const events = changesBetween(view('09:00'), view('10:00', [incident('db', { api: 'major_outage' }, [['10:00', 'investigating']])]), new Date(at('10:00')));
    const { dir } = await setup([{ channel: 'slack', address: r.url }], events);
    await drain(new Sender({ notifyDir: dir, ...fast }));
    expect(await recordChanges(outboxFile(dir), events)).toBe(0);
    await drain(new Sender({ notifyDir: dir, ...fast }));
    expect(r.requests).toHaveLength(1);
  });

  it('two senders at once never send the same message twice', async () => {
    const r = await receiver();
    const many = Array.from({ length: 120 }, (_, i) => ({ channel: 'webhook' as const, address: `${r.url}/s${i}` }));
    const { dir } = await setup(many);
    const a = new Sender({ notifyDir: dir, ...fast, batchSize: 10 });
    const b = new Sender({ notifyDir: dir, ...fast, batchSize: 10 });
    const [byA, byB] = await Promise.all([drain(a), drain(b)]);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(byA + byB).toBe(240);
    expect(r.requests).toHaveLength(240); // 120 × (incident + component change)
    expect(r.acted.size).toBe(240);
    expect([...r.acted.values()].every((n) => n === 1)).toBe(true);
  });

  it('the rate limit per channel spaces deliveries', async () => {
    const r = await receiver();
    const { dir } = await setup(Array.from({ length: 6 }, (_, i) => ({ channel: 'slack' as const, address: `${r.url}/${i}` })));
    const started = Date.now();
    await drain(new Sender({ notifyDir: dir, ...fast, rates: { slack: 10 } }));
    expect(r.requests).toHaveLength(6);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});

describe('email over SMTP', () => {
  it('sends text and HTML with one-click unsubscribe headers and the incident link; a refused address is a dead letter', async () => {
    const smtp = await smtpReceiver();
    closers.push(smtp.close);
    smtp.rejectRcpt = /^nobody@/;
    const { dir } = await setup([
      { channel: 'email', address: 'ada@example.com' },
      { channel: 'email', address: 'nobody@example.com' },
    ]);
    const transport = new SmtpTransport({ url: smtp.url, maxConnections: 2 });
    closers.push(() => transport.close());
    await drain(new Sender({ notifyDir: dir, ...fast, mail: { transport, from: 'Acme Status <status@acme.example>' } }));
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mail.from).toBe('status@acme.example');
    expect(mail.data).toMatch(/^Subject: \[Acme Status\] Incident db: Investigating$/m);
    expect(mail.data).toMatch(/^List-Unsubscribe: <https:\/\/status\.acme\.example\/subscribe\/unsubscribe\?token=[\w.-]+>$/m);
    expect(mail.data).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(mail.data).toMatch(/Content-Type: text\/html; charset=utf-8/);
    expect(textPart(mail)).toContain('Details: https://status.acme.example/incidents/db#update-1');
    const messages = (await outboxFile(dir).read()).messages;
    expect(messages.map((m) => m.state).sort()).toEqual(['dead', 'sent']);
    expect(messages.find((m) => m.state === 'dead')!.error).toMatch(/^SMTP 550/);
  });

  it('without a mail transport, email waits in the outbox while webhooks go', async () => {
    const r = await receiver();
    const { dir } = await setup([
      { channel: 'email', address: 'ada@example.com' },
      { channel: 'slack', address: r.url },
    ]);
    await drain(new Sender({ notifyDir: dir, ...fast }));
    expect(r.requests).toHaveLength(1);
    expect(outboxStats(await outboxFile(dir).read())).toMatchObject({ sent: 1, pending: 1 });
  });
});
