import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveStatic } from './serve';

let tmp: string;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-serve-'));
  for (const [file, text] of Object.entries({ 'index.html': '<h1>x</h1>', '404.html': 'gone', 'status.json': '{}', 'widget.js': ';', 'api/v2/summary.json': '{}', 'build.json': '{}' })) {
    fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
    fs.writeFileSync(path.join(tmp, file), text);
  }
  server = await serveStatic(tmp, 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('outpost serve', () => {
  test('other origins may read status.json, widget.js and api/ (a 304 too), as the nginx recipe allows, and nothing else', async () => {
    const from = { Origin: 'http://www.acme.test' };
    for (const file of ['status.json', 'widget.js', 'api/v2/summary.json']) {
      const res = await fetch(`${origin}/${file}`, { headers: from });
      expect(res.status, file).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), file).toBe('*');
    }
    const etag = (await fetch(`${origin}/status.json`)).headers.get('etag')!;
    const again = await fetch(`${origin}/status.json`, { headers: { ...from, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    for (const url of ['/', '/build.json', '/nothing']) expect((await fetch(`${origin}${url}`, { headers: from })).headers.get('access-control-allow-origin'), url).toBeNull();
  });
});
