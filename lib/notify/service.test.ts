import fs from 'node:fs';
import type http from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { changesBetween } from './events';
import { outboxFile, recordChanges } from './outbox';
import { Sender } from './sender';
import { createSubscribeService, type ServiceOptions } from './service';
import { SmtpTransport } from './smtp';
import { subscribersFile, tokenFor } from './subscribers';
import { closedPort } from '../monitor/test-support';
import { at, incident, site, smtpReceiver, tempDir, textPart, view, type SmtpReceiver } from './test-support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

type Setup = { base: string; dir: string; smtp: SmtpReceiver; sender: Sender; server: http.Server; site: typeof site };

async function start(options: Partial<ServiceOptions> = {}): Promise<Setup> {
  const dir = tempDir();
  dirs.push(dir);
  // The links it mails point at itself: find a free port first.
  const port = await closedPort();
  const base = `http://127.0.0.1:${port}`;
  const server = createSubscribeService({ notifyDir: dir, site, publicUrl: base, log: () => {}, ...options });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  const smtp = await smtpReceiver();
  cleanups.push(smtp.close);
  const transport = new SmtpTransport({ url: smtp.url });
  cleanups.push(() => transport.close());
  const sender = new Sender({ notifyDir: dir, mail: { transport, from: 'status@acme.example' }, log: () => {}, rates: { email: Infinity } });
  return { base, dir, smtp, sender, server, site: { ...site, notifications: { signupUrl: base, automaticOutages: false } } };
}

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return body;
};
const post = (url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body: form(fields), headers, redirect: 'manual' });

/** Waits for the sign-up work done after the answer, then lets the sender deliver. */
async function deliver(s: Setup): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
  await s.sender.pass();
}

const linkIn = (text: string, path: string) => new RegExp(`(http://127\\.0\\.0\\.1:\\d+/${path}\\?token=[\\w.-]+)`).exec(text)?.[1];

describe('sign-up, confirmation, notification, one-click unsubscribe', () => {
  it('works end to end with plain form posts and a real SMTP receiver', async () => {
    const s = await start();
    const page = await fetch(`${s.base}/`);
    expect(await page.text()).toContain('name="website"');

    const answer = await post(`${s.base}/`, { email: 'ada@example.com', component: ['api', 'nope'] });
    expect(answer.status).toBe(200);
    await deliver(s);
    expect(s.smtp.mails).toHaveLength(1);
    const confirm = linkIn(textPart(s.smtp.mails[0]!), 'confirm')!;
    expect(confirm).toBeTruthy();

    // A GET (a mail scanner opening the link) changes nothing; the button's POST confirms.
    expect((await fetch(confirm)).status).toBe(200);
    expect((await subscribersFile(s.dir).read()).subscribers[0]).toMatchObject({ status: 'pending', components: ['api'] });
    const token = new URL(confirm).searchParams.get('token')!;
    expect((await post(`${s.base}/confirm`, { token })).status).toBe(200);
    expect((await subscribersFile(s.dir).read()).subscribers[0]).toMatchObject({ status: 'active' });
    // The confirmation link is single-use.
    expect((await post(`${s.base}/confirm`, { token })).status).toBe(400);

    // An incident on the chosen component arrives, with a working one-click unsubscribe.
    const i1 = incident('one', { api: 'major_outage' }, [['10:00', 'investigating']]);
    await recordChanges(outboxFile(s.dir), changesBetween(view('09:00', [], [], null, s.site), view('10:00', [i1], [], null, s.site), new Date(at('10:00'))));
    await s.sender.pass();
    expect(s.smtp.mails).toHaveLength(2);
    const mail = s.smtp.mails[1]!;
    const unsubscribe = /^List-Unsubscribe: <(.*)>$/m.exec(mail.data)![1]!;
    expect(mail.data).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const oneClick = await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect((await subscribersFile(s.dir).read()).subscribers).toEqual([]);

    // Unsubscribing stops the next one.
    const i2 = incident('one', { api: 'major_outage' }, [['10:00', 'investigating'], ['10:30', 'identified']]);
    await recordChanges(outboxFile(s.dir), changesBetween(view('10:00', [i1], [], null, s.site), view('10:30', [i2], [], null, s.site), new Date(at('10:30'))));
    await s.sender.pass();
    expect(s.smtp.mails).toHaveLength(2);
  });

  it('per-component choice: a subscriber to web hears nothing of an api incident; manage changes the choice', async () => {
    const s = await start();
    await post(`${s.base}/`, { email: 'bob@example.com', component: 'web' });
    await deliver(s);
    await post(`${s.base}/confirm`, { token: new URL(linkIn(textPart(s.smtp.mails[0]!), 'confirm')!).searchParams.get('token')! });
    const i1 = incident('one', { api: 'major_outage' }, [['10:00', 'investigating']]);
    await recordChanges(outboxFile(s.dir), changesBetween(view('09:00', [], [], null, s.site), view('10:00', [i1], [], null, s.site), new Date(at('10:00'))));
    await s.sender.pass();
    expect(s.smtp.mails).toHaveLength(1);

    const data = await subscribersFile(s.dir).read();
    const manage = tokenFor(data.tokenKey, data.subscribers[0]!, 'manage');
    expect(await (await fetch(`${s.base}/manage?token=${manage}`)).text()).toMatch(/value="web" checked/);
    expect((await post(`${s.base}/manage`, { token: manage, action: 'save', component: ['api', 'web'] })).status).toBe(200);
    expect((await subscribersFile(s.dir).read()).subscribers[0]!.components).toEqual(['api', 'web']);
  });
});

describe('in the language site.yaml chooses', () => {
  it('de: the pages and the confirmation mail are German; ar: pages are right to left', async () => {
    const s = await start({ site: { ...site, language: 'de' } });
    const home = await (await fetch(`${s.base}/`)).text();
    expect(home).toMatch(/^<!doctype html><html lang="de"><head>/);
    expect(home).toContain('<h1>Acme Status abonnieren</h1>');
    expect(home).toContain('<button>Abonnieren</button>');
    expect(await (await post(`${s.base}/`, { email: 'ada@example.com' })).text()).toContain('<h1>Sehen Sie in Ihr Postfach</h1>');
    await deliver(s);
    const mail = textPart(s.smtp.mails[0]!);
    expect(mail).toContain('Jemand (hoffentlich Sie) möchte unter dieser Adresse Benachrichtigungen von Acme Status erhalten.');
    expect(linkIn(mail, 'confirm')).toBeTruthy();
    expect(await (await fetch(`${s.base}/nope`)).text()).toContain('<h1>Nicht gefunden</h1>');

    const ar = await start({ site: { ...site, language: 'ar' } });
    expect(await (await fetch(`${ar.base}/`)).text()).toMatch(/^<!doctype html><html lang="ar" dir="rtl"><head>.*<h1>الاشتراك في Acme Status<\/h1>/s);
  });
});

describe('abuse', () => {
  it('a flood of sign-ups from one address is refused after the limit, per IP', async () => {
    const s = await start({ signupsPerWindow: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await post(`${s.base}/`, { email: `x${i}@example.com` })).status);
    expect(codes).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it('behind the proxy, the limit is per client address, not per proxy', async () => {
    const s = await start({ signupsPerWindow: 1, trustProxy: true });
    expect((await post(`${s.base}/`, { email: 'a@example.com' }, { 'x-real-ip': '203.0.113.1' })).status).toBe(200);
    expect((await post(`${s.base}/`, { email: 'b@example.com' }, { 'x-real-ip': '203.0.113.2' })).status).toBe(200);
    expect((await post(`${s.base}/`, { email: 'c@example.com' }, { 'x-real-ip': '203.0.113.1' })).status).toBe(429);
  });

  it('forged tokens, tokens for another purpose, and reused tokens do nothing', async () => {
    const s = await start();
    await post(`${s.base}/`, { email: 'ada@example.com' });
    await deliver(s);
    const data = await subscribersFile(s.dir).read();
    const sub = data.subscribers[0]!;
    const forged = `${sub.id}.${'A'.repeat(43)}`;
    const otherPurpose = tokenFor(data.tokenKey, sub, 'unsubscribe');
    for (const token of [forged, otherPurpose, 'garbage', '']) expect((await post(`${s.base}/confirm`, { token })).status).toBe(400);
    expect((await post(`${s.base}/unsubscribe`, { token: forged })).status).toBe(400);
    expect((await subscribersFile(s.dir).read()).subscribers[0]).toMatchObject({ status: 'pending' });
    // An unsubscribe token from before the confirmation is void after it (the nonce changed).
    const confirm = new URL(linkIn(textPart(s.smtp.mails[0]!), 'confirm')!).searchParams.get('token')!;
    expect((await post(`${s.base}/confirm`, { token: confirm })).status).toBe(200);
    expect((await post(`${s.base}/unsubscribe`, { token: otherPurpose })).status).toBe(400);
    expect((await subscribersFile(s.dir).read()).subscribers).toHaveLength(1);
  });

  it.each([
    ['a CRLF and a Bcc header', 'ada@example.com\r\nBcc: everyone@example.com'],
    ['a LF', 'ada@example.com\nSubject: hi'],
    ['two addresses', 'ada@example.com, eve@example.com'],
    ['angle brackets', 'Ada <ada@example.com>'],
  ])('an address with %s is refused and nothing is stored or sent', async (_, email) => {
    const s = await start();
    expect((await post(`${s.base}/`, { email })).status).toBe(400);
    await deliver(s);
    expect((await subscribersFile(s.dir).read()).subscribers).toEqual([]);
    expect(s.smtp.mails).toEqual([]);
  });

  it('an already subscribed address gets the very same answer as a new one (and its owner one mail, not a confirmation)', async () => {
    const s = await start({ mailIntervalMs: 0 });
    const first = await (await post(`${s.base}/`, { email: 'ada@example.com' })).text();
    await deliver(s);
    await post(`${s.base}/confirm`, { token: new URL(linkIn(textPart(s.smtp.mails[0]!), 'confirm')!).searchParams.get('token')! });
    const again = await (await post(`${s.base}/`, { email: 'ada@example.com' })).text();
    const fresh = await (await post(`${s.base}/`, { email: 'new@example.com' })).text();
    expect(again).toBe(first);
    expect(fresh).toBe(first);
    await deliver(s);
    const toAda = s.smtp.mails.filter((m) => m.to[0] === 'ada@example.com');
    expect(toAda).toHaveLength(2);
    expect(textPart(toAda[1]!)).toMatch(/already subscribed/);
    expect(linkIn(textPart(toAda[1]!), 'manage')).toBeTruthy();
  });

  it('one address cannot be mailed more than once an hour through the form', async () => {
    const s = await start();
    for (let i = 0; i < 3; i++) await post(`${s.base}/`, { email: 'victim@example.com' });
    await deliver(s);
    expect(s.smtp.mails).toHaveLength(1);
  });

  it('a filled honeypot gets the same answer and nothing happens', async () => {
    const s = await start();
    const normal = await (await post(`${s.base}/`, { email: 'a@example.com' })).text();
    const bot = await (await post(`${s.base}/`, { email: 'bot@example.com', website: 'http://spam.example' })).text();
    expect(bot).toBe(normal);
    await deliver(s);
    expect((await subscribersFile(s.dir).read()).subscribers.map((x) => x.address)).toEqual(['a@example.com']);
  });

  it('answers carry a strict CSP, no-store and no-referrer', async () => {
    const s = await start();
    const res = await fetch(`${s.base}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
