import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Command } from 'commander';
import sirv from 'sirv';

/** Serves a built site folder the way a static host does, with the site's 404 page. Resolves once listening. */
export function serveStatic(dir: string, port: number, host = '127.0.0.1'): Promise<http.Server> {
  const root = path.resolve(dir);
  const notFound = path.join(root, '404.html');
  const assets = sirv(root, { dev: true, etag: true, extensions: ['html'] });
  const server = http.createServer((req, res) =>
    assets(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      fs.createReadStream(notFound).on('error', () => res.end('Not found')).pipe(res);
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** `outpost serve`: serve out/ on a local port. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the built site (out/) on a local port.')
    .option('--dir <dir>', 'folder to serve', 'out')
    .option('--port <port>', 'port', (v) => Number.parseInt(v, 10), 4321)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addHelpText('after', '\nExample:\n  $ outpost serve --port 8080')
    .action(async (options: { dir: string; port: number; host: string }) => {
      if (!fs.existsSync(path.join(options.dir, 'index.html'))) {
        console.error(`nothing to serve: ${options.dir}/index.html is missing (run "outpost build" first)`);
        process.exitCode = 1;
        return;
      }
      await serveStatic(options.dir, options.port, options.host);
      console.log(`Serving ${options.dir}/ at http://${options.host}:${options.port}/ (Ctrl+C to stop)`);
    });
}
