import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, runCheck } from './runner';
import { closedPort, makeCerts, plan, serveDns, serveHttp, serveTcp, type Certs, type Running } from './test-support';

// Every probe against a real server on 127.0.0.1 that behaves the way the case says.

const bigBodyBytes = 20 * 1024 * 1024;
let sentOfBigBody = 0;
const flakyHits = new Map<string, number>();

const routes: Record<string, http.RequestListener> = {
  '/ok': (_, res) => res.end('hello Acme'),
  '/500': (_, res) => res.writeHead(500).end('boom'),
  '/flaky': (req, res) => {
    const key = req.headers['x-key'] as string;
    const hits = (flakyHits.get(key) ?? 0) + 1;
    flakyHits.set(key, hits);
    if (hits === 1) res.writeHead(503).end('busy');
    else res.end('ok');
  },
  '/reset': (_, res) => {
    res.writeHead(200, { 'content-length': '10000' });
    res.write('x'.repeat(100), () => res.socket?.resetAndDestroy());
  },
  '/slow-body': (_, res) => {
    res.writeHead(200, { 'content-length': '1000' });
    const drip = setInterval(() => res.write('x'), 50);
    res.on('close', () => clearInterval(drip));
  },
  '/slow-head': (_, res) => setTimeout(() => res.end('ok'), 150),
  '/big': (_, res) => {
    sentOfBigBody = 0;
    res.writeHead(200, { 'content-length': String(bigBodyBytes) });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (sentOfBigBody < bigBodyBytes - chunk.length) {
        sentOfBigBody += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end(Buffer.concat([Buffer.alloc(bigBodyBytes - sentOfBigBody - 6, 'a'), Buffer.from('MARKER')]));
    };
    pump();
  },
  '/loop-a': (_, res) => res.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_, res) => res.writeHead(302, { location: '/loop-a' }).end(),
  '/json-degraded': (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"degraded","db":{"ok":true}}'),
  '/not-json': (_, res) => res.end('<html>'),
  '/auth': (req, res) => res.writeHead(req.headers.authorization === 'Bearer s3cret' ? 200 : 401).end(),
};

let server: Running;
let other: Running;
let hang: Running;
let seenByOther: http.IncomingHttpHeaders | null = null;
let certs: Certs;
const tlsServers: Record<'good' | 'expiring' | 'expired' | 'selfSigned', Running> = {} as never;

beforeAll(async () => {
  server = await serveHttp((req, res) => {
    const path = req.url!.split('?')[0]!;
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) return void res.writeHead(302, { location: `/chain/${Number(chain[1]) + 1}` }).end();
    if (path === '/to-other') return void res.writeHead(302, { location: `${other.url}/` }).end();
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  other = await serveHttp((req, res) => {
    seenByOther = req.headers;
    res.end('elsewhere');
  });
  hang = await serveTcp(); // accepts, never answers
  certs = makeCerts();
  for (const name of ['good', 'expiring', 'expired', 'selfSigned'] as const) {
    tlsServers[name] = await serveHttp((_, res) => res.end('secure'), certs[name]);
  }
});

afterAll(async () => {
  await Promise.all([server, other, hang, ...Object.values(tlsServers)].map((s) => s?.close()));
});

const http_ = (path: string, extra: Record<string, unknown> = {}) => ({ type: 'http', url: `${server.url}${path}`, ...extra });

describe('http probe', () => {
  const cases: { name: string; check: () => Record<string, unknown>; probe?: Record<string, number>; verdict: string; reason: string | RegExp; httpStatus?: number }[] = [
    { name: 'up', check: () => http_('/ok', { bodyContains: 'Acme' }), verdict: 'up', reason: 'HTTP 200', httpStatus: 200 },
    { name: '500', check: () => http_('/500'), verdict: 'down', reason: 'HTTP 500 (expected 2xx)', httpStatus: 500 },
    { name: '500 when 5xx is expected', check: () => http_('/500', { expectStatus: ['5xx'] }), verdict: 'up', reason: 'HTTP 500' },
    { name: 'body without the text', check: () => http_('/ok', { bodyContains: 'Globex' }), verdict: 'down', reason: 'body does not contain the expected text' },
    { name: 'JSON that does not match', check: () => http_('/json-degraded', { json: { path: 'status', equals: 'ok' } }), verdict: 'down', reason: 'JSON status is "degraded" (expected "ok")' },
    { name: 'JSON nested path that matches', check: () => http_('/json-degraded', { json: { path: 'db.ok', equals: true } }), verdict: 'up', reason: 'HTTP 200' },
    { name: 'JSON path missing', check: () => http_('/json-degraded', { json: { path: 'db.version', equals: 2 } }), verdict: 'down', reason: 'JSON db.version missing' },
    { name: 'body that is not JSON', check: () => http_('/not-json', { json: { path: 'status', equals: 'ok' } }), verdict: 'down', reason: 'body is not JSON' },
    { name: 'connection refused', check: () => ({ type: 'http', url: `http://127.0.0.1:${refusedPort}/` }), verdict: 'down', reason: 'connection refused' },
    { name: 'accepts and never answers', check: () => ({ type: 'http', url: `${hang.url}/` }), probe: { timeoutMs: 300 }, verdict: 'down', reason: 'timeout: no response within 300 ms' },
    { name: 'resets mid-response', check: () => http_('/reset'), verdict: 'down', reason: 'connection reset while reading the body' },
    // Long enough for the headers to arrive even on a busy machine; the body drips for 50 s.
    { name: 'slow body', check: () => http_('/slow-body'), probe: { timeoutMs: 1_500 }, verdict: 'down', reason: 'timeout: body not complete within 1500 ms' },
    { name: 'slow answer', check: () => http_('/slow-head'), probe: { degradedAboveMs: 50 }, verdict: 'degraded', reason: /^HTTP 200; slow: \d+ ms \(degraded above 50 ms\)$/ },
    { name: 'redirect loop', check: () => http_('/loop-a'), verdict: 'down', reason: 'redirect loop after 2 redirects', httpStatus: 302 },
    { name: 'too many redirects', check: () => http_('/chain/0', { maxRedirects: 3 }), verdict: 'down', reason: 'more than 3 redirects', httpStatus: 302 },
    { name: 'redirect not followed when expected', check: () => http_('/loop-a', { expectStatus: [302] }), verdict: 'up', reason: 'HTTP 302' },
    { name: 'a name under .invalid', check: () => ({ type: 'http', url: 'http://outpost-test.invalid/' }), verdict: 'down', reason: /^DNS: / },
    { name: 'self-signed certificate', check: () => ({ type: 'http', url: `${tlsServers.selfSigned.url}/` }), verdict: 'down', reason: 'TLS: self-signed certificate' },
    { name: 'expired certificate', check: () => ({ type: 'http', url: `${tlsServers.expired.url}/` }), verdict: 'down', reason: 'TLS: certificate expired' },
    { name: 'trusted certificate', check: () => ({ type: 'http', url: `${tlsServers.good.url}/` }), verdict: 'up', reason: 'HTTP 200' },
    { name: 'certificate close to expiry', check: () => ({ type: 'http', url: `${tlsServers.expiring.url}/` }), verdict: 'degraded', reason: 'HTTP 200; certificate expires in 4 days' },
    { name: 'header read from the environment', check: () => http_('/auth', { headers: { Authorization: 'Bearer s3cret' } }), verdict: 'up', reason: 'HTTP 200' },
  ];
  let refusedPort = 0;
  beforeAll(async () => {
    refusedPort = await closedPort();
  });

  it.each(cases)('$name', async ({ check, probe, verdict, reason, httpStatus }) => {
    const outcome = await attempt(plan(check(), { probe: { ca: certs.ca, ...probe } }));
    expect({ verdict: outcome.verdict, reason: outcome.reason }).toEqual({ verdict, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) });
    if (httpStatus) expect(outcome.httpStatus).toBe(httpStatus);
    expect(outcome.phases.totalMs).toBeGreaterThanOrEqual(0);
  });

  it('times each phase of a good https request', async () => {
    const { phases } = await attempt(plan({ type: 'http', url: `${tlsServers.good.url}/` }, { probe: { ca: certs.ca } }));
    expect(phases).toEqual({ connectMs: expect.any(Number), tlsMs: expect.any(Number), firstByteMs: expect.any(Number), totalMs: expect.any(Number) });
    expect(phases.tlsMs! + phases.connectMs! + phases.firstByteMs!).toBeLessThanOrEqual(phases.totalMs + 0.5);
  });

  it('reads a body larger than the cap only up to the cap', async () => {
    const started = performance.now();
    const withText = await attempt(plan(http_('/big', { bodyContains: 'MARKER' }), { probe: { maxBodyBytes: 1024 } }));
    expect(withText).toMatchObject({ verdict: 'down', reason: 'body does not contain the expected text in its first 1024 bytes (body larger than the cap)' });
    const plain = await attempt(plan(http_('/big'), { probe: { maxBodyBytes: 1024 } }));
    expect(plain).toMatchObject({ verdict: 'up', reason: 'HTTP 200 (body cut at 1024 bytes)' });
    const json = await attempt(plan(http_('/big', { json: { path: 'a', equals: 1 } }), { probe: { maxBodyBytes: 1024 } }));
    expect(json).toMatchObject({ verdict: 'down', reason: 'body larger than 1024 bytes: JSON not checked' });
    // The server stopped well short of its 20 MB: the pinger hung up instead of draining it.
    await new Promise((r) => setTimeout(r, 50));
    expect(sentOfBigBody).toBeLessThan(bigBodyBytes / 2);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('never sends configured headers to another origin on a redirect', async () => {
    seenByOther = null;
    const outcome = await attempt(plan(http_('/to-other', { headers: { Authorization: 'Bearer s3cret', 'X-Trace': '1' } })));
    expect(outcome).toMatchObject({ verdict: 'up', reason: 'HTTP 200' });
    expect(seenByOther).not.toBeNull();
    expect(seenByOther!.authorization).toBeUndefined();
    expect(seenByOther!['x-trace']).toBeUndefined();
  });

  it('retries a 503 and counts the recovery', async () => {
    const result = await runCheck(plan(http_('/flaky', { headers: { 'X-Key': 'retry' } }), { retries: 2, retryDelayMs: 20 }), 'test-1');
    expect(result).toMatchObject({ verdict: 'up', reason: 'HTTP 200', attempts: 2, location: 'test-1', checkId: 'probe', componentId: 'component' });
  });

  it('without retries, the 503 counts', async () => {
    const result = await runCheck(plan(http_('/flaky', { headers: { 'X-Key': 'no-retry' } }), { retries: 0 }), 'test-1');
    expect(result).toMatchObject({ verdict: 'down', reason: 'HTTP 503 (expected 2xx)', attempts: 1, httpStatus: 503 });
  });

  it('gives up after the last retry', async () => {
    const result = await runCheck(plan(http_('/500'), { retries: 2, retryDelayMs: 0 }), 'test-1');
    expect(result).toMatchObject({ verdict: 'down', attempts: 3 });
  });
});

describe('tcp probe', () => {
  it('is up when the port accepts', async () => {
    const outcome = await attempt(plan({ type: 'tcp', host: '127.0.0.1', port: hang.port }));
    expect(outcome).toMatchObject({ verdict: 'up', reason: 'connected', phases: { connectMs: expect.any(Number) } });
  });
  it('is down when refused', async () => {
    const outcome = await attempt(plan({ type: 'tcp', host: '127.0.0.1', port: await closedPort() }));
    expect(outcome).toMatchObject({ verdict: 'down', reason: 'connection refused' });
  });
});

describe('tls probe', () => {
  const cases = [
    { name: 'trusted', server: 'good', verdict: 'up', reason: /^certificate valid for 89 more days$/ },
    { name: 'close to expiry', server: 'expiring', verdict: 'degraded', reason: /^certificate valid for 4 more days; certificate expires in 4 days$/ },
    { name: 'expired', server: 'expired', verdict: 'down', reason: /^TLS: certificate expired (less than a day|1 day) ago$/ },
    { name: 'self-signed', server: 'selfSigned', verdict: 'down', reason: /^TLS: self-signed certificate$/ },
  ] as const;
  it.each(cases)('$name', async ({ server: name, verdict, reason }) => {
    const outcome = await attempt(plan({ type: 'tls', host: '127.0.0.1', port: tlsServers[name].port }, { probe: { ca: certs.ca } }));
    expect(outcome.verdict).toBe(verdict);
    expect(outcome.reason).toMatch(reason);
    if (verdict !== 'down') expect(outcome.phases.tlsMs).toEqual(expect.any(Number));
  });
});

describe('dns probe', () => {
  let dns: Awaited<ReturnType<typeof serveDns>>;
  beforeAll(async () => {
    dns = await serveDns({ 'api.acme.test': '192.0.2.10' });
  });
  afterAll(() => dns.close());

  const cases = [
    { name: 'resolves', check: { name: 'api.acme.test' }, verdict: 'up', reason: '1 A answer' },
    { name: 'resolves to the expected address', check: { name: 'api.acme.test', expect: '192.0.2.10' }, verdict: 'up', reason: '1 A answer' },
    { name: 'resolves elsewhere', check: { name: 'api.acme.test', expect: '192.0.2.99' }, verdict: 'down', reason: 'DNS: no A answer equals the expected value (1 answer)' },
    { name: 'does not resolve', check: { name: 'missing.acme.test' }, verdict: 'down', reason: 'DNS: name does not resolve' },
  ];
  it.each(cases)('$name', async ({ check, verdict, reason }) => {
    const outcome = await attempt(plan({ type: 'dns', server: dns.server, ...check }));
    expect({ verdict: outcome.verdict, reason: outcome.reason }).toEqual({ verdict, reason });
    expect(outcome.phases.dnsMs).toEqual(outcome.phases.totalMs);
  });

  it('a name under .invalid does not resolve with the system resolver', async () => {
    const outcome = await attempt(plan({ type: 'dns', name: 'outpost-test.invalid' }));
    expect(outcome.verdict).toBe('down');
    expect(outcome.reason).toMatch(/^DNS: /);
  });
});
