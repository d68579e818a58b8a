/**
 * "Did you mean": the known word a mistyped one was probably meant to be. Case, spaces, dashes and
 * underscores count for nothing (`Major Outage` is `major_outage`), then a small edit distance is allowed.
 */

/** The known value within a small edit distance of value (ignoring case and separators), if any. */
export function closest(value: string, known: readonly string[]): string | null {
  const typed = loose(value);
  let best: { value: string; distance: number } | null = null;
  for (const candidate of known) {
    const distance = editDistance(typed, loose(candidate));
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) best = { value: candidate, distance };
  }
  return best?.value ?? null;
}

/** ` (did you mean "monitoring"?)` when a known value is close, else nothing. */
export function didYouMean(value: string, known: readonly string[]): string {
  const close = closest(value, known);
  return close === null || close === value ? '' : ` (did you mean ${JSON.stringify(close)}?)`;
}

function loose(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '_');
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
