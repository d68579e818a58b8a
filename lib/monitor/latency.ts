/**
 * Latency histograms: a day's latencies kept as counts in buckets 10% wide, so a rollup stays a few
 * numbers however many rounds ran, and several locations (or checks) merge into true percentiles.
 */

/** Bucket width: each bucket's upper bound is 10% above its lower bound, so a percentile is within 5%. */
const ratio = 1.1;

/** A day's latencies: bucket index → rounds. */
export type Histogram = Record<string, number>;

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
  const key = String(latencyBucket(ms));
  histogram[key] = (histogram[key] ?? 0) + 1;
}

/** The sum of several histograms. */
export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  const merged: Histogram = {};
  for (const h of histograms) for (const [key, n] of Object.entries(h)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

/** The latency at quantile `q` (0.5 for the median), or null for an empty histogram. */
export function percentile(histogram: Histogram, q: number): number | null {
  const buckets = Object.entries(histogram).map(([k, n]) => [Number(k), n] as const).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return bucketMs(bucket);
  }
  return bucketMs(buckets.at(-1)![0]);
}
