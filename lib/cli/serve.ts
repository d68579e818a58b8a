import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import sirv from 'sirv';

/** What other sites' pages may read (the widget and the JSON it and other tools poll), as deploy/nginx/outpost-site.conf allows it. */
export const crossOriginPaths = /^\/(status\.json|widget\.js|api\/.*)$/;

/** Serves a built site folder the way a static host does, with the site's 404 page. Resolves once listening (port 0: any free port). */
export function serveStatic(dir: string, port: number, host = '127.0.0.1'): Promise<http.Server> {
  const root = path.resolve(dir);
  const notFound = path.join(root, '404.html');
  const assets = sirv(root, { dev: true, etag: true, extensions: ['html'] });
  const server = http.createServer((req, res) => {
    // Before sirv answers: a 304 to a conditional cross-origin request needs it too.
    if (crossOriginPaths.test(new URL(req.url ?? '/', 'http://x').pathname)) res.setHeader('Access-Control-Allow-Origin', '*');
    assets(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      fs.createReadStream(notFound).on('error', () => res.end('Not found')).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is in use: choose another with --port (0 picks a free one)`) : error),
    );
    server.listen(port, host, () => resolve(server));
  });
}

/** A --port value: 0 (any free port) to 65535; anything else is bad usage. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return port;
}

/** `http://127.0.0.1:4321/`: where a listening server can be reached. */
export function urlOf(server: http.Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}/`;
}

/** `outpost serve`: serve out/ on a local port. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the built site (out/) on a local port.')
    .option('--dir <dir>', 'folder to serve', 'out')
    .option('--port <port>', 'port (0 picks a free one)', parsePort, 4321)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addHelpText('after', '\nExample:\n  $ outpost serve --port 8080')
    .action(async (options: { dir: string; port: number; host: string }) => {
      if (!fs.existsSync(path.join(options.dir, 'index.html'))) {
        console.error(`nothing to serve: ${options.dir}/index.html is missing (run "outpost build" first)`);
        process.exitCode = 1;
        return;
      }
      const server = await serveStatic(options.dir, options.port, options.host);
      console.log(`Serving ${options.dir}/ at ${urlOf(server)} (Ctrl+C to stop)`);
    });
}
