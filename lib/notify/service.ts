import http from 'node:http';
import { formFields } from './subscribe-page';
import type net from 'node:net';
import type { Site } from '../content';
import { words, type Key, type Vars } from '../i18n';
import { escapeHtml } from '../shared/html';
import { outboxFile, recordChanges } from './outbox';
import type { NotifyEvent, Subscriber } from './schema';
import { checkToken, newSubscriber, normaliseEmail, randomId, subscribersFile, tokenFor } from './subscribers';

/**
 * `outpost subscribe-service`: the sign-up service for email subscriptions, a plain node:http server behind
 * the site's nginx. Plain HTML forms (no JavaScript), double opt-in, manage and unsubscribe links that need
 * no password. A sign-up always gets the same answer, sent before any work is done, so neither its words nor
 * its timing tell whether an address is subscribed. Mail goes through the outbox like every notification. Its pages
 * are in the site's language.
 */

export type ServiceOptions = {
  notifyDir: string;
  site: Pick<Site, 'name' | 'url' | 'components' | 'language'>;
  /** The service's public address (`https://status.acme.example/subscribe`), for the links it mails. */
  publicUrl: string;
  /** Behind nginx on this host: take the client's address from X-Real-IP / X-Forwarded-For when the peer is loopback. */
  trustProxy?: boolean;
  /** Sign-up POSTs per IP per window (default 5 per 10 minutes); every POST counts toward 4× that. */
  signupsPerWindow?: number;
  windowMs?: number;
  /** At most one sign-up mail per address per this long (default an hour): the form cannot be used to flood an inbox. */
  mailIntervalMs?: number;
  /** Pending sign-ups older than this are forgotten (default 7 days). */
  pendingMaxAgeMs?: number;
  now?: () => Date;
  log?: (line: string) => void;
};


/** Counts requests per key in a sliding window. */
class Window {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly windowMs: number) {}
  /** Records a hit; false when `max` hits are already in the window. */
  allow(key: string, max: number, now: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 50_000) this.hits.clear();
    return true;
  }
}

const headers = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Links carry tokens: never hand them to another site.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Creates the service (not yet listening). */
export function createSubscribeService(options: ServiceOptions): http.Server {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? console.log;
  const signups = new Window(options.windowMs ?? 600_000);
  const posts = new Window(options.windowMs ?? 600_000);
  const perWindow = options.signupsPerWindow ?? 5;
  const mailIntervalMs = options.mailIntervalMs ?? 3_600_000;
  const pendingMaxAgeMs = options.pendingMaxAgeMs ?? 7 * 86_400_000;
  const subscribers = subscribersFile(options.notifyDir);
  const outbox = outboxFile(options.notifyDir);
  const base = options.publicUrl.replace(/\/+$/, '');
  const { site } = options;
  const w = words(site.language);
  const t = (key: Key, vars?: Vars) => escapeHtml(w.t(key, vars));
  const componentIds = new Set(site.components.map((c) => c.id));
  // Sign-ups are worked through one at a time after their answer is sent.
  let work: Promise<void> = Promise.resolve();

  const page = (res: http.ServerResponse, status: number, title: string, body: string) => {
    res.writeHead(status, headers).end(
      `<!doctype html><html lang="${w.lang}"${w.dir === 'rtl' ? ' dir="rtl"' : ''}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · ${escapeHtml(site.name)}</title>` +
        `<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:36em;margin:2em auto;padding:0 1em}button{font:inherit;padding:.4em 1em}label{display:block;margin:.3em 0}.hp{position:absolute;left:-10000px}</style></head>` +
        `<body><main><p><a href="${escapeHtml(site.url)}/">${escapeHtml(site.name)}</a></p><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
  };

  const checkboxes = (chosen: readonly string[]) =>
    `<fieldset><legend>${t('notify.signup.components')}</legend>${site.components
      .map((c) => `<label><input type="checkbox" name="${formFields.component}" value="${escapeHtml(c.id)}"${chosen.includes(c.id) ? ' checked' : ''}> ${escapeHtml(c.name)}</label>`)
      .join('')}</fieldset>`;

  const signupForm = () =>
    `<form method="post" action="${escapeHtml(base)}/"><label>${t('notify.signup.email')} <input type="email" name="${formFields.email}" required autocomplete="email" maxlength="254"></label>` +
    `${checkboxes([])}<label class="hp" aria-hidden="true">${t('notify.signup.honeypot')} <input name="${formFields.honeypot}" tabindex="-1" autocomplete="off"></label><p><button>${t('notify.signup.subscribe')}</button></p></form>`;

  const invalidLink = (res: http.ServerResponse) =>
    page(res, 400, w.t('notify.signup.invalid'), `<p>${t('notify.signup.invalidBody')}</p><p><a href="${escapeHtml(base)}/">${t('notify.signup.again')}</a></p>`);

  const subscriptionEvent = (sub: Subscriber, kind: 'subscription.confirm' | 'subscription.existing', at: Date): NotifyEvent => ({
    id: `subscription:${sub.id}:${kind}:${at.getTime()}`,
    kind,
    at: at.toISOString(),
    automatic: false,
    components: [],
    to: sub.id,
    page: { id: new URL(site.url).host, name: site.name, url: site.url, indicator: 'none', description: '', signupUrl: base, lang: site.language },
    title: site.name,
    status: sub.status,
    message: '',
    url: site.url,
    componentNames: {},
    incident: null,
    componentUpdate: null,
  });

  /** The sign-up itself, after the answer: a new address is pending; a known one gets at most one mail an hour. */
  const signUp = async (email: string, chosen: string[]) => {
    const at = now();
    const event = await subscribers.update((data) => {
      data.subscribers = data.subscribers.filter((s) => s.status === 'active' || at.getTime() - Date.parse(s.createdAt) < pendingMaxAgeMs);
      let sub = data.subscribers.find((s) => s.channel === 'email' && s.address === email);
      if (sub && sub.lastMailAt && at.getTime() - Date.parse(sub.lastMailAt) < mailIntervalMs) return null;
      if (!sub) {
        sub = newSubscriber({ channel: 'email', address: email, components: chosen, active: false, now: at });
        data.subscribers.push(sub);
      } else if (sub.status === 'pending') sub.components = [...new Set(chosen)].sort();
      sub.lastMailAt = at.toISOString();
      return subscriptionEvent(sub, sub.status === 'active' ? 'subscription.existing' : 'subscription.confirm', at);
    });
    if (event) await recordChanges(outbox, [event], at);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://service');
    const route = url.pathname.replace(/\/+$/, '') || '/';
    const ip = clientIp(req, options.trustProxy ?? false);
    if (req.method === 'GET' || req.method === 'HEAD') {
      const token = url.searchParams.get('token') ?? '';
      if (route === '/') return page(res, 200, w.t('notify.signup.title', { site: site.name }), `<p>${t('notify.signup.intro')}</p>${signupForm()}`);
      // A GET never changes anything (mail scanners open links): it shows a button that POSTs.
      if (route === '/confirm' || route === '/unsubscribe') {
        const purpose = route.slice(1) as 'confirm' | 'unsubscribe';
        const sub = checkToken(await subscribers.read(), token, purpose);
        if (!sub || (purpose === 'confirm' && sub.status !== 'pending')) return invalidLink(res);
        const [title, button] = purpose === 'confirm' ? [w.t('notify.signup.confirmTitle'), t('notify.signup.confirm')] : [w.t('notify.unsubscribe'), t('notify.unsubscribe')];
        return page(res, 200, title, `<form method="post" action="${escapeHtml(base)}${route}"><input type="hidden" name="token" value="${escapeHtml(token)}"><p><button>${button}</button></p></form>`);
      }
      if (route === '/manage') {
        const sub = checkToken(await subscribers.read(), token, 'manage');
        if (!sub || sub.status !== 'active') return invalidLink(res);
        return page(
          res,
          200,
          w.t('notify.signup.yours'),
          `<form method="post" action="${escapeHtml(base)}/manage"><input type="hidden" name="token" value="${escapeHtml(token)}">${checkboxes(sub.components)}<p><button name="action" value="save">${t('notify.signup.save')}</button> <button name="action" value="unsubscribe">${t('notify.unsubscribe')}</button></p></form>`,
        );
      }
      return page(res, 404, w.t('notify.signup.notFound'), `<p><a href="${escapeHtml(base)}/">${t('notify.signup.subscribe')}</a></p>`);
    }
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'GET, HEAD, POST' }).end();

    if (!posts.allow(ip, perWindow * 4, Date.now())) return page(res, 429, w.t('notify.signup.tooMany'), `<p>${t('notify.signup.tryLater')}</p>`);
    const form = await readForm(req);
    if (!form) return page(res, 413, w.t('notify.signup.tooLarge'), `<p>${t('notify.signup.tooLargeBody')}</p>`);
    const token = url.searchParams.get('token') ?? form.get('token') ?? '';

    if (route === '/') {
      if (!signups.allow(ip, perWindow, Date.now())) return page(res, 429, w.t('notify.signup.tooManySignups'), `<p>${t('notify.signup.tooManySignupsBody')}</p>`);
      const email = normaliseEmail(form.get(formFields.email) ?? '');
      if (!email) return page(res, 400, w.t('notify.signup.checkAddress'), `<p>${t('notify.signup.notAnEmail')}</p>${signupForm()}`);
      const chosen = form.getAll(formFields.component).filter((c) => componentIds.has(c));
      const bot = (form.get(formFields.honeypot) ?? '') !== '';
      // The same answer whatever happens next: new, pending, already subscribed, or a bot.
      page(res, 200, w.t('notify.signup.checkInbox'), `<p>${t('notify.signup.checkInboxBody')}</p>`);
      if (bot) return log(`subscribe=ignored reason=honeypot ip=${ip}`);
      work = work.then(() => signUp(email, chosen)).catch((e: Error) => log(`subscribe=failed reason=${JSON.stringify(e.message)}`));
      return;
    }
    if (route === '/confirm') {
      const confirmed = await subscribers.update((data) => {
        const sub = checkToken(data, token, 'confirm');
        if (!sub || sub.status !== 'pending') return null;
        sub.status = 'active';
        sub.confirmedAt = now().toISOString();
        // Every earlier link is void: the confirmation link cannot be used again.
        sub.nonce = randomId();
        return { manage: tokenFor(data.tokenKey, sub, 'manage') };
      });
      if (!confirmed) return invalidLink(res);
      return page(res, 200, w.t('notify.signup.subscribed'), `<p>${t('notify.signup.subscribedBody')}</p><p><a href="${escapeHtml(base)}/manage?token=${escapeHtml(confirmed.manage)}">${t('notify.chooseComponents')}</a></p>`);
    }
    if (route === '/unsubscribe' || (route === '/manage' && form.get('action') === 'unsubscribe')) {
      const removed = await subscribers.update((data) => {
        const sub = checkToken(data, token, route === '/manage' ? 'manage' : 'unsubscribe');
        if (!sub) return false;
        data.subscribers = data.subscribers.filter((s) => s.id !== sub.id);
        return true;
      });
      if (!removed) return invalidLink(res);
      return page(res, 200, w.t('notify.signup.unsubscribed'), `<p>${t('notify.signup.unsubscribedBody', { site: site.name })}</p>`);
    }
    if (route === '/manage') {
      const saved = await subscribers.update((data) => {
        const sub = checkToken(data, token, 'manage');
        if (!sub || sub.status !== 'active') return false;
        sub.components = [...new Set(form.getAll(formFields.component).filter((c) => componentIds.has(c)))].sort();
        return true;
      });
      if (!saved) return invalidLink(res);
      return page(res, 200, w.t('notify.signup.saved'), `<p>${t('notify.signup.savedBody')}</p><p><a href="${escapeHtml(base)}/manage?token=${escapeHtml(token)}">${t('notify.signup.back')}</a></p>`);
    }
    return page(res, 404, w.t('notify.signup.notFound'), '');
  };

  return http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      log(`subscribe=error reason=${JSON.stringify(error.message)}`);
      if (!res.headersSent) page(res, 500, w.t('notify.signup.error'), `<p>${t('notify.signup.errorBody')}</p>`);
    });
  });
}

/** The client's address; behind a proxy on this host, the one nginx saw (X-Real-IP, else the last X-Forwarded-For). */
export function clientIp(req: http.IncomingMessage, trustProxy: boolean): string {
  const peer = (req.socket as net.Socket).remoteAddress ?? '';
  if (!trustProxy || !['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(peer)) return peer;
  const real = req.headers['x-real-ip'];
  if (typeof real === 'string' && real.trim()) return real.trim();
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return forwarded.at(-1) ?? peer;
}

/** An url-encoded form body up to 16 KB, or null when larger. */
function readForm(req: http.IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve, reject) => {
    let body = '';
    let size = 0;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      size += chunk.length;
      if (size > 16_384) {
        // Stop keeping it, let it drain, answer 413.
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else body += chunk;
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}
