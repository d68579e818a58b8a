import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/**
 * For tests: Debian's nginx, started on a free local port with a config that includes the shipped snippets as
 * they are (deploy/nginx/), serving a folder through a link, as on the VM.
 */

export const nginxBinary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const mimeTypes = ['/etc/nginx/mime.types', '/usr/local/etc/nginx/mime.types'].find((p) => fs.existsSync(p));

/** Whether nginx can run here; warns (or, in CI, throws) when it cannot, naming the test file. */
export function nginxAvailable(testFile: string): boolean {
  if (nginxBinary && mimeTypes) return true;
  if (process.env.CI) throw new Error('nginx is not installed: .ci/run installs it (apt-get install nginx)');
  console.warn(`SKIPPED ${testFile}: nginx is not installed here (Debian: apt-get install nginx).`);
  return false;
}

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A raw GET (no automatic decompression, so Content-Encoding is what nginx sent). */
export function get(port: number, url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(p));
    });
    probe.on('error', reject);
  });
}

export type Nginx = { port: number; origin: string; stop: () => Promise<void> };

/** Starts nginx in `dir` (its config, logs and temp files go there) serving `root`; resolves once it answers. */
export async function startNginx(dir: string, root: string): Promise<Nginx> {
  // Relative includes resolve against the main config's folder, as /etc/nginx does on the VM.
  fs.mkdirSync(path.join(dir, 'snippets'), { recursive: true });
  for (const file of ['outpost-site.conf', 'outpost-headers.conf']) fs.copyFileSync(path.join(__dirname, 'nginx', file), path.join(dir, 'snippets', file));
  fs.copyFileSync(mimeTypes!, path.join(dir, 'mime.types'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root root;\n' : ''}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    include snippets/outpost-site.conf;
  }
}
`,
  );
  const check = spawnSync(nginxBinary!, ['-t', '-p', `${dir}/`, '-c', conf], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  const server: ChildProcess = spawn(nginxBinary!, ['-p', `${dir}/`, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  };
  for (let i = 0; i < 100; i++) {
    if (await get(port, '/').then(() => true, () => false)) return { port, origin: `http://127.0.0.1:${port}`, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
}
