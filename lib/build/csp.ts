import crypto from 'node:crypto';

/**
 * The Content-Security-Policy of the built site. Each page carries its own in a <meta> tag, listing the
 * hash of every inline script the build put in that page, so the policy holds on any static host, even one
 * that cannot set headers (GitHub Pages, a bucket). A script injected later matches no hash and is refused.
 * Where headers can be set (deploy/nginx), the header adds what a meta tag cannot carry (frame-ancestors);
 * its script-src admits inline scripts only because each page's own policy narrows them to its hashes
 * (a browser enforces every policy it is given: a script runs only if all of them allow it).
 */

const common = [
  "default-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
];

/** The policy a page carries: its own files, and its inline scripts by hash. */
export function pagePolicy(scriptHashes: string[]): string {
  const [first, ...rest] = common;
  return [first, ["script-src 'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' '), ...rest].join('; ');
}

/** The policy the web server sends with every response (deploy/nginx/outpost-headers.conf holds a copy). */
export const headerPolicy = [common[0], "script-src 'self' 'unsafe-inline'", ...common.slice(1), "frame-ancestors 'none'"].join('; ');

const inlineScript = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** `sha256-…` of each inline script in `html`, as a browser computes it (the UTF-8 bytes of its text). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(inlineScript)) {
    if (/\bsrc\s*=/i.test(attributes!)) continue;
    hashes.add(`sha256-${crypto.createHash('sha256').update(body!, 'utf8').digest('base64')}`);
  }
  return [...hashes];
}

/** `html` with its policy in its <head>, before anything it governs. */
export function withPagePolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${pagePolicy(inlineScriptHashes(html))}"/>`;
  // After the charset declaration when it opens the head (it must stay in the first 1024 bytes), else first.
  const head = /<head[^>]*>(\s*<meta\s+charset=[^>]*>)?/i.exec(html);
  if (!head) throw new Error('a page has no <head>: cannot add its Content-Security-Policy');
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}
