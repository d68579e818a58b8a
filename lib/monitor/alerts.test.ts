import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhook } from '../content/check-schema';
import { Alerter, deliver, type AlertContext } from './alerts';
import type { OutageEvent } from './outages';
import { closedPort, serveHttp, serveTcp, type Running } from './test-support';

const context: AlertContext = { siteName: 'Acme Status', componentNames: { api: 'API' } };
const opened: OutageEvent = {
  type: 'opened',
  location: 'eu-1',
  outage: { checkId: 'api', componentId: 'api', startedAt: '2026-11-23T11:58:00.000Z', confirmedAt: '2026-11-23T11:59:00.000Z', endedAt: null, reason: 'HTTP 503 (expected 2xx)' },
};
const closed: OutageEvent = { ...opened, type: 'closed', outage: { ...opened.outage, endedAt: '2026-11-23T12:21:00.000Z' } };
// Generous timeouts where an answer is expected: a busy machine must not fail these tests.
const fast = { timeoutMs: 3_000, retries: 2, retryDelayMs: 10 };

let receiver: Running;
let received: { path: string; headers: Record<string, unknown>; body: unknown }[] = [];
let flakyCalls = 0;
let hang: Running;

beforeAll(async () => {
  receiver = await serveHttp((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      if (req.url === '/flaky' && ++flakyCalls === 1) return void res.writeHead(502).end();
      if (req.url === '/gone') return void res.writeHead(404).end();
      received.push({ path: req.url!, headers: req.headers, body: JSON.parse(text) });
      res.writeHead(204).end();
    });
  });
  hang = await serveTcp();
});
afterAll(async () => {
  await receiver.close();
  await hang.close();
});

const hook = (url: string, extra: Record<string, unknown> = {}) => webhook.parse({ url, ...extra });

describe('webhooks', () => {
  it('posts the generic JSON body', async () => {
    received = [];
    const delivery = await deliver(hook(`${receiver.url}/json`, { headers: { 'X-Token': 't0ken' } }), opened, context, fast);
    expect(delivery).toEqual({ ok: true, attempts: 1, detail: 'HTTP 204' });
    expect(received[0]!.headers['x-token']).toBe('t0ken');
    expect(received[0]!.body).toEqual({
      type: 'outage.opened',
      site: 'Acme Status',
      component: { id: 'api', name: 'API' },
      check: 'api',
      location: 'eu-1',
      startedAt: '2026-11-23T11:58:00.000Z',
      confirmedAt: '2026-11-23T11:59:00.000Z',
      endedAt: null,
      reason: 'HTTP 503 (expected 2xx)',
    });
  });

  it('posts a Slack-compatible body on outage and on recovery', async () => {
    received = [];
    await deliver(hook(`${receiver.url}/slack`, { format: 'slack' }), opened, context, fast);
    await deliver(hook(`${receiver.url}/slack`, { format: 'slack' }), closed, context, fast);
    expect(received.map((r) => r.body)).toEqual([
      { text: 'Acme Status: API is down since 2026-11-23 11:58 UTC (confirmed from eu-1): HTTP 503 (expected 2xx)' },
      { text: 'Acme Status: API has recovered after 23 min (seen from eu-1)' },
    ]);
  });

  it('retries a 5xx', async () => {
    flakyCalls = 0;
    expect(await deliver(hook(`${receiver.url}/flaky`), opened, context, fast)).toEqual({ ok: true, attempts: 2, detail: 'HTTP 204' });
  });

  it('does not retry a 4xx', async () => {
    expect(await deliver(hook(`${receiver.url}/gone`), opened, context, fast)).toEqual({ ok: false, attempts: 1, detail: 'HTTP 404' });
  });

  it('gives up on a dead webhook after its retries', async () => {
    const delivery = await deliver(hook(`http://127.0.0.1:${await closedPort()}/`), opened, context, fast);
    expect(delivery).toEqual({ ok: false, attempts: 3, detail: 'network error (ECONNREFUSED)' });
  });

  it('times out a webhook that never answers', async () => {
    const delivery = await deliver(hook(`${hang.url}/`), opened, context, { ...fast, timeoutMs: 300, retries: 0 });
    expect(delivery).toEqual({ ok: false, attempts: 1, detail: 'no answer within 300 ms' });
  });

  it('never makes the caller wait: a slow webhook delays nothing, and drain gives up at its limit', async () => {
    received = [];
    const lines: string[] = [];
    const alerter = new Alerter([hook(`${hang.url}/`), hook(`${receiver.url}/fast`)], context, (l) => lines.push(l), { timeoutMs: 20_000, retries: 0, retryDelayMs: 0 });
    const started = performance.now();
    alerter.notify([opened]);
    expect(performance.now() - started).toBeLessThan(50);
    await alerter.drain(2_000);
    expect(performance.now() - started).toBeLessThan(5_000); // far below the dead webhook's 20 s
    expect(received.map((r) => r.path)).toEqual(['/fast']);
    expect(lines).toEqual(['alert=opened check=api location=eu-1 webhook=2 delivered=true attempts=1 detail="HTTP 204"']);
  });
});
