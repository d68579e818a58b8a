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
  const text = (isObject ? (listText(value) ?? JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && v !== value && standsAlone(v) ? `#${fingerprint(v)}` : v))) : JSON.stringify(value)) ?? 'undefined';
  const hash = sha256(text).slice(0, 22);
  if (isObject) known.set(value, hash);
  return hash;
}

/**
 * The text fingerprint() hashes for the two kinds of list a publish hashes most, made without calling its replacer for
 * every item and field (a JS call from JSON.stringify each: at 5,000 incidents, 40 ms of the 71 reports' keys): a list
 * of values that stand alone (a report's incidents), which is their fingerprints; a list of flat records (a day's
 * figures, a bar) or of plain values (a feed's counts), which is its plain JSON. Null for any other value. The same text as the replacer makes, so the same
 * fingerprint.
 */
function listText(value: object): string | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  if (typeof value[0] !== 'object' || value[0] === null) return value.every((item) => typeof item !== 'object' || item === null) ? JSON.stringify(value) : null;
  if (standsAlone(value[0])) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'object' || item === null || !standsAlone(item)) return null;
      text += `${i === 0 ? '' : ','}"#${fingerprint(item)}"`;
    }
    return `${text}]`;
  }
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item) || Object.getPrototypeOf(item) !== Object.prototype) return null;
    for (const key in item) {
      const field = (item as Record<string, unknown>)[key];
      if (typeof field === 'object' && field !== null) return null;
    }
  }
  return JSON.stringify(value);
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
