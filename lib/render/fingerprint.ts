import crypto from 'node:crypto';

const known = new WeakMap<object, string>();

/**
 * A short hash of a JSON-able value: what an output was made from, so the writer can tell whether it must be made
 * again. An object fingerprinted before stands in a later value by its hash, so a large value many inputs share
 * (the content, the whole SiteData) is serialised once per publish, not once per output.
 */
export function fingerprint(value: unknown): string {
  const isObject = typeof value === 'object' && value !== null;
  if (isObject && known.has(value)) return known.get(value)!;
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && v !== value && known.has(v) ? `#${known.get(v)}` : v)) ?? 'undefined';
  const hash = crypto.createHash('sha256').update(text).digest('base64url').slice(0, 22);
  if (isObject) known.set(value, hash);
  return hash;
}
