import crypto from 'node:crypto';

const known = new WeakMap<object, string>();

/**
 * Values that are always hashed on their own and stand in any value that holds them by their hash: the content,
 * the site (site.yaml, in every report's input), each incident and maintenance window, and every list of objects (an incident's timeline, the component names),
 * which many outputs' inputs share. So a value's fingerprint does not depend on what was fingerprinted before,
 * and each of them is serialised once per publish: the 5,000 incident pages of a site share the one list of
 * component names, and an incident's page its timeline with the incident.
 */
function standsAlone(value: object): boolean {
  if (Array.isArray(value)) return typeof value[0] === 'object' && value[0] !== null;
  const v = value as Record<string, unknown>;
  return (
    (typeof v.file === 'string' && Array.isArray(v.updates)) ||
    (typeof v.site === 'object' && Array.isArray(v.incidents)) ||
    (typeof v.name === 'string' && Array.isArray(v.components) && typeof v.monitoring === 'object')
  );
}

/**
 * A short hash of a JSON-able value: what an output was made from, so the writer can tell whether it must be made
 * again. Values are not changed after they are fingerprinted (a SiteData is made anew for each publish).
 */
export function fingerprint(value: unknown): string {
  const isObject = typeof value === 'object' && value !== null;
  if (isObject && known.has(value)) return known.get(value)!;
  // A string or number is its JSON (a publish hashes 10,000 short keys: without a replacer to call, a third faster).
  const text = (isObject ? JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && v !== value && standsAlone(v) ? `#${fingerprint(v)}` : v)) : JSON.stringify(value)) ?? 'undefined';
  const hash = sha256(text).slice(0, 22);
  if (isObject) known.set(value, hash);
  return hash;
}

/**
 * SHA-256 in base64url: one call where Node has crypto.hash (20.12 and later; a third of the time of a Hash object for
 * the short texts a publish hashes ten thousand of), a Hash object before.
 */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'base64url') : (text) => crypto.createHash('sha256').update(text).digest('base64url');

/**
 * Records the fingerprint of `value`, computed earlier by fingerprint() for an equal value: the entry cache
 * (lib/content/cache.ts) keeps each incident's and window's with it, so 5,000 of them are not serialised and hashed
 * again for every publish.
 */
export function knownFingerprint(value: object, hash: string): void {
  known.set(value, hash);
}
