import crypto from 'node:crypto';

const known = new WeakMap<object, string>();

/**
 * Values that are always hashed on their own and stand in any value that holds them by their hash: the content
 * and each incident and maintenance window (they are shared by many outputs' inputs). So a value's fingerprint
 * does not depend on what was fingerprinted before, and each of them is serialised once per publish.
 */
function standsAlone(value: object): boolean {
  const v = value as Record<string, unknown>;
  return (typeof v.file === 'string' && Array.isArray(v.updates)) || (typeof v.site === 'object' && Array.isArray(v.incidents));
}

/**
 * A short hash of a JSON-able value: what an output was made from, so the writer can tell whether it must be made
 * again. Values are not changed after they are fingerprinted (a SiteData is made anew for each publish).
 */
export function fingerprint(value: unknown): string {
  const isObject = typeof value === 'object' && value !== null;
  if (isObject && known.has(value)) return known.get(value)!;
  const text =
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && v !== value && (known.has(v) || standsAlone(v)) ? `#${fingerprint(v)}` : v)) ?? 'undefined';
  const hash = crypto.createHash('sha256').update(text).digest('base64url').slice(0, 22);
  if (isObject) known.set(value, hash);
  return hash;
}
