/**
 * Latency histograms: a day's latencies kept as counts in buckets 10% wide, so a rollup stays a few
 * numbers however many rounds ran, and several locations (or checks) merge into true percentiles.
 * Stored flat, `[bucket, count, bucket, count, …]` in bucket order: compact, and quick to validate.
 */

/** Bucket width: each bucket's upper bound is 10% above its lower bound, so a percentile is within 5%. */
const ratio = 1.1;

/** A day's latencies: bucket index and rounds, pair after pair, buckets ascending. */
export type Histogram = number[];

/** The bucket a latency falls in (0 for anything under 1 ms). */
export function latencyBucket(ms: number): number {
  return ms < 1 ? 0 : Math.ceil(Math.log(ms) / Math.log(ratio));
}

/** The latency a bucket stands for: its geometric middle, rounded to 0.1 ms. */
export function bucketMs(bucket: number): number {
  return bucket === 0 ? 0.5 : Math.round(ratio ** (bucket - 0.5) * 10) / 10;
}

/** Counts one latency into a histogram (in place). */
export function addLatency(histogram: Histogram, ms: number): void {
  const bucket = latencyBucket(ms);
  let i = 0;
  while (i < histogram.length && histogram[i]! < bucket) i += 2;
  if (histogram[i] === bucket) histogram[i + 1]!++;
  else histogram.splice(i, 0, bucket, 1);
}

/** The sum of several histograms. */
export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  // One histogram in bucket order (one location's day, as the pinger keeps it) is its own merge: a publish merges the
  // days of 50 components over 90 days.
  if (histograms.length === 1 && inBucketOrder(histograms[0]!)) return histograms[0]!;
  const counts = new Map<number, number>();
  for (const h of histograms) for (let i = 0; i < h.length; i += 2) counts.set(h[i]!, (counts.get(h[i]!) ?? 0) + h[i + 1]!);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).flat();
}

/** Whether each bucket of `histogram` comes after the one before it. */
function inBucketOrder(histogram: Histogram): boolean {
  for (let i = 2; i < histogram.length; i += 2) if (histogram[i]! <= histogram[i - 2]!) return false;
  return true;
}

/** The latency at quantile `q` (0.5 for the median), or null for an empty histogram. */
export function percentile(histogram: Histogram, q: number): number | null {
  let total = 0;
  for (let i = 1; i < histogram.length; i += 2) total += histogram[i]!;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 2) {
    seen += histogram[i + 1]!;
    if (seen >= rank) return bucketMs(histogram[i]!);
  }
  return bucketMs(histogram.at(-2)!);
}
