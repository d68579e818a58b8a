import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * For the widget's browser test and bench: a host page on another origin (a site that embeds the widget), and
 * status hosts that serve the built widget.js with a status.json of the test's choosing, as real local servers.
 */

export type Server = { origin: string; close: () => Promise<void> };

/** Listens on a free port of 127.0.0.1. */
export function listen(handler: http.RequestListener): Promise<Server & { server: http.Server }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

export type HostPageOptions = {
  /** data-outpost-theme on the script tag. */
  theme?: 'light' | 'dark';
  /** Extra CSS of the host page (to show that it does not reach the widget). */
  css?: string;
  /** Words the page watches for in the widget, every frame: `window.shownAt` is when they first showed (performance.now()). */
  watch?: string;
};

/**
 * The site that embeds the widget: `page(statusOrigin)` is the URL of a page with the documented snippet (the
 * script async in the head, before the target exists), its own script at the end of the body, and a record of
 * the globals it had before the widget came.
 */
export async function hostSite(): Promise<Server & { page: (statusOrigin: string, options?: HostPageOptions) => string }> {
  const pages = new Map<string, string>();
  const server = await listen((req, res) => {
    const html = pages.get(req.url ?? '');
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html ?? 'not found');
  });
  const page = (statusOrigin: string, options: HostPageOptions = {}) => {
    const url = `/page-${pages.size}`;
    const theme = options.theme ? ` data-outpost-theme="${options.theme}"` : '';
    pages.set(
      url,
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<script>window.globalsBefore = Object.keys(window);</script>
<script async src="${statusOrigin}/widget.js"${theme}></script>
<style>${options.css ?? ''}</style>
</head><body>
<h1>Acme</h1>
<p id="own">not yet</p>
<footer><div id="outpost-status"><a href="${statusOrigin}/">Service status</a></div></footer>
<script>document.getElementById('own').textContent = 'host script ran';</script>
${options.watch ? `<script>(function look() { var s = document.querySelector('#outpost-status').shadowRoot; var a = s && s.querySelector('a.s'); if (a && a.textContent === ${JSON.stringify(options.watch)}) window.shownAt = performance.now(); else requestAnimationFrame(look); })();</script>` : ''}
</body></html>`,
    );
    return `${server.origin}${url}`;
  };
  return { ...server, page };
}

/** The widget as built into out/. */
export function builtWidget(out = 'out'): Buffer {
  return fs.readFileSync(path.join(fs.realpathSync(out), 'widget.js'));
}

/**
 * A status host: widget.js as built, and /status.json answered by `status` (any other path: 404). Both readable
 * cross-origin, as the deploy recipes serve them.
 */
export function statusHost(widget: Buffer, status: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Server> {
  return listen((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === '/widget.js') {
      res.writeHead(200, { 'Content-Type': 'application/javascript; charset=utf-8' });
      res.end(widget);
    } else if (pathname === '/status.json') status(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
}

/** Answers with `body` as JSON. */
export function sendJson(res: http.ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
