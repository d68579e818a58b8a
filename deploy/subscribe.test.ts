import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closedPort } from '../lib/monitor/test-support';
import { createSubscribeService } from '../lib/notify/service';
import { subscribersFile } from '../lib/notify/subscribers';
import { site } from '../lib/notify/test-support';

// Debian's nginx with the shipped /subscribe/ snippet as it is, in front of a real sign-up service.
const nginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
if (!nginx) console.warn('SKIPPED deploy/subscribe.test.ts: nginx is not installed here (Debian: apt-get install nginx).');

let tmp: string;
let proxy: ChildProcess;
let service: http.Server;
let base: string;

describe.skipIf(!nginx)('nginx (deploy/nginx/outpost-subscribe.conf) in front of outpost subscribe-service', () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-subscribe-nginx-'));
    const port = await closedPort();
    base = `http://127.0.0.1:${port}/subscribe`;
    // The snippet proxies to 127.0.0.1:8025, as the systemd unit listens; point it at a free port instead.
    const snippet = fs.readFileSync(path.join(__dirname, 'nginx', 'outpost-subscribe.conf'), 'utf8');
    const servicePort = await closedPort();
    fs.writeFileSync(path.join(tmp, 'subscribe.conf'), snippet.replace('127.0.0.1:8025', `127.0.0.1:${servicePort}`));
    fs.writeFileSync(
      path.join(tmp, 'nginx.conf'),
      `pid ${tmp}/nginx.pid;\nerror_log ${tmp}/error.log;\ndaemon off;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${tmp}/body;\n  proxy_temp_path ${tmp}/proxy;\n  server { listen 127.0.0.1:${port}; include ${tmp}/subscribe.conf; }\n}\n`,
    );
    service = createSubscribeService({ notifyDir: path.join(tmp, 'notify'), site, publicUrl: base, trustProxy: true, signupsPerWindow: 2, log: () => {} });
    await new Promise<void>((r) => service.listen(servicePort, '127.0.0.1', r));
    proxy = spawn(nginx!, ['-c', path.join(tmp, 'nginx.conf'), '-p', tmp], { stdio: 'inherit' });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => net.connect(port, '127.0.0.1').on('connect', function (this: net.Socket) { this.destroy(); resolve(true); }).on('error', () => resolve(false)));
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    proxy?.kill('SIGTERM');
    await new Promise<void>((r) => (service ? service.close(() => r()) : r()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the form is served under /subscribe/, a sign-up goes through, and the per-IP limit holds behind the proxy', async () => {
    expect((await fetch(`${base}`, { redirect: 'manual' })).status).toBe(301);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`action="${base}/"`);
    const post = (email: string) => fetch(`${base}/`, { method: 'POST', body: new URLSearchParams({ email }) });
    expect((await post('ada@example.com')).status).toBe(200);
    expect((await post('bob@example.com')).status).toBe(200);
    expect((await post('eve@example.com')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 200));
    expect((await subscribersFile(path.join(tmp, 'notify')).read()).subscribers.map((s) => s.address).sort()).toEqual(['ada@example.com', 'bob@example.com']);
  });

  test('a body over 16 KB is refused by nginx before it reaches the service', async () => {
    const res = await fetch(`${base}/`, { method: 'POST', body: new URLSearchParams({ email: 'x'.repeat(20_000) }) });
    expect(res.status).toBe(413);
  });
});
