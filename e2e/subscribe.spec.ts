import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import sirv from 'sirv';
import { projectRoot } from '../lib/build/paths';
import { buildsDirFor } from '../lib/build/swap';
import { closedPort } from '../lib/monitor/test-support';
import { Sender } from '../lib/notify/sender';
import { createSubscribeService } from '../lib/notify/service';
import { SmtpTransport } from '../lib/notify/smtp';
import { subscribersFile } from '../lib/notify/subscribers';
import { smtpReceiver, textPart, type SmtpReceiver } from '../lib/notify/test-support';

/**
 * A reader subscribes by email on the built site's Subscribe page with JavaScript off, and hears of the next
 * incident staff post with the CLI: the real page, the real sign-up service behind the same origin (as nginx puts
 * it under /subscribe/), a real SMTP receiver, the real publish recording the change and the real sender.
 */
test.use({ javaScriptEnabled: false });
test.describe.configure({ mode: 'serial' });

let tmp: string;
let content: string;
let out: string;
let notifyDir: string;
let base: string;
let front: http.Server;
let service: http.Server;
let smtp: SmtpReceiver;
let sender: Sender;
let transport: SmtpTransport;

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['bin/outpost.js', ...args], { encoding: 'utf8', env: { ...process.env, OUTPOST_NOTIFY_DIR: notifyDir } });
  expect(run.status, run.stderr).toBe(0);
  return run;
};

test.beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-subscribe-'));
  content = path.join(tmp, 'content');
  out = path.join(tmp, 'out');
  notifyDir = path.join(tmp, 'notify');
  fs.mkdirSync(notifyDir);
  const port = await closedPort();
  base = `http://127.0.0.1:${port}`;
  fs.mkdirSync(path.join(content, 'incidents'), { recursive: true });
  fs.mkdirSync(path.join(content, 'maintenance'));
  fs.writeFileSync(
    path.join(content, 'site.yaml'),
    `name: Subscribe Test\nurl: ${base}\ncomponents:\n  - id: api\n    name: API\n  - id: web\n    name: Website\nnotifications:\n  signupUrl: ${base}/subscribe\n`,
  );
  cli('build', '--content', content, '--data', path.join(tmp, 'data'), '--out', out);

  service = createSubscribeService({ notifyDir, site: { name: 'Subscribe Test', url: base, components: [{ id: 'api', name: 'API', checks: [] }, { id: 'web', name: 'Website', checks: [] }] } as never, publicUrl: `${base}/subscribe`, log: () => {} });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  const servicePort = (service.address() as AddressInfo).port;
  // One origin, as nginx makes it: /subscribe/… goes to the service, everything else is the static site.
  const files = sirv(out, { dev: true, extensions: ['html'] });
  front = http.createServer((req, res) => {
    if (!req.url?.startsWith('/subscribe/')) return files(req, res, () => void res.writeHead(404).end());
    const forward = http.request({ host: '127.0.0.1', port: servicePort, path: req.url.slice('/subscribe'.length), method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => front.listen(port, '127.0.0.1', resolve));
  smtp = await smtpReceiver();
  transport = new SmtpTransport({ url: smtp.url });
  sender = new Sender({ notifyDir, mail: { transport, from: 'status@subscribe.test' }, log: () => {}, rates: { email: Infinity } });
});

test.afterAll(async () => {
  front?.close();
  service?.close();
  await transport?.close();
  await smtp?.close();
  if (out) fs.rmSync(buildsDirFor(projectRoot, out), { recursive: true, force: true });
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Lets the service finish the work it does after answering, then sends what is due. */
async function deliver(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  await sender.pass();
}

test('sign up without JavaScript, confirm, hear of an incident on the chosen component only, unsubscribe in one click', async ({ page }) => {
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Subscribe', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Subscribe to updates');
  await page.getByLabel('Email address').fill('ada@example.com');
  await page.getByRole('checkbox', { name: /API/ }).check();
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(page.locator('body')).toContainText('Check your inbox');

  await deliver();
  expect(smtp.mails).toHaveLength(1);
  const confirm = /(http:\/\/127\.0\.0\.1:\d+\/subscribe\/confirm\?token=[\w.-]+)/.exec(textPart(smtp.mails[0]!))?.[1];
  expect(confirm).toBeTruthy();
  await page.goto(confirm!);
  await page.getByRole('button').click();
  await expect.poll(async () => (await subscribersFile(notifyDir).read()).subscribers[0]?.status).toBe('active');

  // Staff post an incident on the Website, then one on the API, each published by the CLI.
  const post = (title: string, component: string) =>
    cli('incident', 'new', '--title', title, '--impact', 'major', '--component', `${component}=major_outage`, '--message', `${title}: we are on it.`, '--content', content, '--data', path.join(tmp, 'data'), '--publish', out);
  post('Website down', 'web');
  await sender.pass();
  expect(smtp.mails).toHaveLength(1);
  post('API errors', 'api');
  await sender.pass();
  expect(smtp.mails).toHaveLength(2);
  const mail = smtp.mails[1]!;
  expect(textPart(mail)).toContain('API errors: we are on it.');
  expect(textPart(mail)).toMatch(new RegExp(`${base}/incidents/\\d{4}-\\d{2}-\\d{2}-api-errors`));
  await page.goto(/(http:\/\/\S+\/incidents\/\S+)/.exec(textPart(mail))![1]!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API errors');

  // The one-click unsubscribe a mail client sends (RFC 8058) stops the next one.
  const unsubscribe = /^List-Unsubscribe: <(.*)>$/m.exec(mail.data)![1]!;
  expect(mail.data).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  const answer = await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(answer.status).toBe(200);
  post('API slow', 'api');
  await sender.pass();
  expect(smtp.mails).toHaveLength(2);
});
