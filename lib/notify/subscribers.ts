import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { LockedFile } from './locked-file';
import { subscribersData, subscribersVersion, type Channel, type Subscriber, type SubscribersData } from './schema';

/**
 * The subscriber list, `<notify dir>/subscribers.json` (mode 600), and the links that act on one
 * subscription. A link's token is an HMAC of (purpose, subscriber id, nonce) under a random key kept in the
 * file: unguessable without the key, good for one purpose only, and void as soon as the subscription changes
 * (its nonce does), so an old confirmation or unsubscribe link never acts again.
 */

/** Where the subscriber list and outbox live unless told otherwise: never under out/ or data/. */
export function defaultNotifyDir(): string {
  return process.env.OUTPOST_NOTIFY_DIR || 'notify';
}

/** A new, empty list with a fresh token key. */
export function emptySubscribers(): SubscribersData {
  return { version: subscribersVersion, tokenKey: randomBytes(32).toString('base64url'), subscribers: [] };
}

/** The subscriber list of a notify folder. */
export function subscribersFile(notifyDir: string): LockedFile<SubscribersData> {
  return new LockedFile(path.join(notifyDir, 'subscribers.json'), subscribersData, emptySubscribers);
}

/** What a link may do. */
export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe';

/** The token for one purpose on one subscription: `<subscriber id>.<mac>`. */
export function tokenFor(key: string, subscriber: Pick<Subscriber, 'id' | 'nonce'>, purpose: TokenPurpose): string {
  return `${subscriber.id}.${mac(key, subscriber, purpose)}`;
}

function mac(key: string, subscriber: Pick<Subscriber, 'id' | 'nonce'>, purpose: TokenPurpose): string {
  return createHmac('sha256', key).update(`${purpose}\n${subscriber.id}\n${subscriber.nonce}`).digest('base64url');
}

/** The subscriber a token is good for, for that purpose, or null (forged, for another purpose, or outdated). */
export function checkToken(data: SubscribersData, token: string, purpose: TokenPurpose): Subscriber | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 200) return null;
  const subscriber = data.subscribers.find((s) => s.id === token.slice(0, dot));
  if (!subscriber) return null;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(data.tokenKey, subscriber, purpose));
  return given.length === expected.length && timingSafeEqual(given, expected) ? subscriber : null;
}

/** A fresh random id or nonce. */
export function randomId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * An email address safe to put in a header: one `local@domain`, no spaces, quotes, angle brackets, commas or
 * line breaks (what header injection needs), at most 254 characters; lower-cased domain. Null when not one.
 */
export function normaliseEmail(input: string): string | null {
  const value = input.trim();
  if (value.length > 254 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(value)) return null;
  const at = value.lastIndexOf('@');
  return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
}

/** A webhook address: absolute http(s), no credentials in it. Null when not one. */
export function normaliseWebhookUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The address checked and normalised for its channel, or null. */
export function normaliseAddress(channel: Channel, address: string): string | null {
  return channel === 'email' ? normaliseEmail(address) : normaliseWebhookUrl(address);
}

/** A new subscriber record (a webhook gets its signing secret here). */
export function newSubscriber(fields: { channel: Channel; address: string; components: string[]; active: boolean; now: Date }): Subscriber {
  const at = fields.now.toISOString();
  return {
    id: randomId(),
    channel: fields.channel,
    address: fields.address,
    components: [...new Set(fields.components)].sort(),
    status: fields.active ? 'active' : 'pending',
    createdAt: at,
    confirmedAt: fields.active ? at : null,
    nonce: randomId(),
    secret: fields.channel === 'webhook' ? randomBytes(32).toString('hex') : null,
    lastMailAt: null,
  };
}

/** Does the subscriber want to hear about something concerning these components (none: the whole page)? */
export function wants(subscriber: Pick<Subscriber, 'components'>, components: readonly string[]): boolean {
  return subscriber.components.length === 0 || components.length === 0 || components.some((c) => subscriber.components.includes(c));
}

/** A short, stable, non-reversible label for logs: never the address itself. */
export function addressLabel(address: string): string {
  return createHash('sha256').update(address).digest('hex').slice(0, 10);
}
