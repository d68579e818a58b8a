// Real local receivers for the notify tests: an HTTP webhook receiver that acts once per idempotency key,
// and a minimal SMTP receiver over node:net. Everything listens on 127.0.0.1, port 0.
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { incidentFrom, incidentSchema, maintenanceFrom, maintenanceSchema, siteSchema, type ComponentStatus, type Content, type Incident, type Maintenance } from '../content';
import { computeStatus } from '../status';
import { serveHttp, serveTcp } from '../monitor/test-support';
import type { NotifyView } from './events';

export type Behaviour = 'ok' | 'fail500' | 'slow' | 'reset' | 'gone';

/** One request a receiver got. */
export type Received = { key: string; path: string; headers: http.IncomingHttpHeaders; body: string; acted: boolean };

export type Receiver = {
  url: string;
  port: number;
  /** Every request, in order. */
  requests: Received[];
  /** Idempotency keys acted on, once each (a repeated key is answered 200 and not acted on again). */
  acted: Map<string, number>;
  /** What the next requests meet; `slow` waits `slowMs` before answering. */
  behaviour: Behaviour;
  slowMs: number;
  close(): Promise<void>;
};

/** An HTTP receiver that verifies `X-Outpost-Signature` when given a secret, and acts once per idempotency key. */
export async function webhookReceiver(options: { secret?: string; behaviour?: Behaviour } = {}): Promise<Receiver> {
  const receiver: Receiver = { url: '', port: 0, requests: [], acted: new Map(), behaviour: options.behaviour ?? 'ok', slowMs: 3_000, close: async () => {} };
  const handler: http.RequestListener = (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const behaviour = receiver.behaviour;
      if (behaviour === 'reset') return req.socket.destroy();
      const key = String(req.headers['idempotency-key'] ?? '');
      const record: Received = { key, path: req.url ?? '/', headers: req.headers, body, acted: false };
      receiver.requests.push(record);
      const answer = () => {
        if (behaviour === 'fail500') return res.writeHead(500).end('down for a bit');
        if (behaviour === 'gone') return res.writeHead(410).end('gone');
        if (options.secret && !verifySignature(options.secret, body, String(req.headers['x-outpost-signature'] ?? ''))) return res.writeHead(401).end('bad signature');
        if (!receiver.acted.has(key)) record.acted = true;
        receiver.acted.set(key, (receiver.acted.get(key) ?? 0) + 1);
        res.writeHead(200).end('ok');
      };
      if (behaviour === 'slow') setTimeout(answer, receiver.slowMs);
      else answer();
    });
  };
  const running = await serveHttp(handler);
  return Object.assign(receiver, { port: running.port, url: running.url, close: running.close });
}

/** What a receiver does with `X-Outpost-Signature: sha256=<hex>`: HMAC the raw body and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** One message an SMTP receiver accepted. */
export type Mail = { from: string; to: string[]; data: string; messageId: string };

export type SmtpReceiver = { port: number; url: string; mails: Mail[]; rejectRcpt: RegExp | null; close(): Promise<void> };

/** A minimal SMTP server (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no TLS, no auth. */
export async function smtpReceiver(): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = { port: 0, url: '', mails: [], rejectRcpt: null, close: async () => {} };
  const running = await serveTcp((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let data: string[] = [];
    let from = '';
    let to: string[] = [];
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 test ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const text = data.join('\r\n');
            receiver.mails.push({ from, to, data: text, messageId: /^Message-ID: (.*)$/im.exec(text)?.[1] ?? '' });
            from = '';
            to = [];
            say('250 queued');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') say('250-test\r\n250 8BITMIME');
        else if (verb === 'HELO' || verb === 'NOOP') say('250 ok');
        else if (verb === 'MAIL') (from = /<(.*)>/.exec(line)?.[1] ?? ''), say('250 ok');
        else if (verb === 'RCPT') {
          const rcpt = /<(.*)>/.exec(line)?.[1] ?? '';
          if (receiver.rejectRcpt?.test(rcpt)) say('550 no such user');
          else to.push(rcpt), say('250 ok');
        } else if (verb === 'DATA') (to.length ? ((inData = true), (data = []), say('354 go on')) : say('503 no recipients'));
        else if (verb === 'RSET') (from = ''), (to = []), say('250 ok');
        else if (verb === 'QUIT') say('221 bye'), socket.end();
        else say('502 not implemented');
      }
    });
  });
  return Object.assign(receiver, { port: running.port, url: `smtp://127.0.0.1:${running.port}`, close: running.close });
}

/** Decodes the text/plain part of a message the receiver got. */
export function textPart(mail: Mail): string {
  const match = /Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(mail.data);
  return match ? Buffer.from(match[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8') : '';
}

/** A temp folder removed by the caller's cleanup. */
export function tempDir(prefix = 'outpost-notify-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ---------------------------------------------------------------- views of a site

export const site = siteSchema.parse({
  name: 'Acme Status',
  url: 'https://status.acme.example',
  components: [
    { id: 'api', name: 'API', checks: [{ type: 'http', url: 'https://api.acme.example/' }] },
    { id: 'web', name: 'Website' },
  ],
  notifications: { signupUrl: 'https://status.acme.example/subscribe' },
});

/** `2026-03-14T<hh:mm>:00Z` */
export const at = (hhmm: string) => `2026-03-14T${hhmm}:00.000Z`;

type UpdateInput = [string, Incident['updates'][number]['status'], Record<string, ComponentStatus>?];

/** An incident on `site` with updates given as [hh:mm, status, component changes]. */
export function incident(id: string, components: Record<string, ComponentStatus>, updates: UpdateInput[], body = ''): Incident {
  const data = incidentSchema.parse({
    title: `Incident ${id}`,
    impact: 'major',
    components,
    updates: updates.map(([hhmm, status, changes]) => ({ at: at(hhmm), status, message: `**${status}** at ${hhmm}`, components: changes })),
  });
  return incidentFrom(data, { id, file: `${id}.md`, body });
}

/** A maintenance window on `site`; `updates` as [hh:mm, status?, message]. */
export function maintenance(id: string, start: string, end: string, components: string[], updates: [string, string | undefined, string][] = []): Maintenance {
  const data = maintenanceSchema.parse({ title: `Window ${id}`, components, start: at(start), end: at(end), updates: updates.map(([hhmm, status, message]) => ({ at: at(hhmm), status, message })) });
  return maintenanceFrom(data, { id, file: `${id}.md`, body: '' });
}

/** A view of `site` at `hhmm` with these incidents and windows (no monitor unless given). */
export function view(hhmm: string, incidents: Incident[] = [], windows: Maintenance[] = [], monitor: NotifyView['monitor'] = null, s = site): NotifyView {
  const content: Content = { site: s, incidents, maintenance: windows, clockShiftMs: 0 };
  return { content, status: computeStatus(content, monitor, new Date(at(hhmm))), monitor };
}
