import { describe, expect, it } from 'vitest';
import { addLatency, bucketMs, mergeHistograms, percentile, type Histogram } from './latency';

const histogramOf = (values: number[]) => {
  const h: Histogram = [];
  for (const v of values) addLatency(h, v);
  return h;
};

describe('latency histograms', () => {
  const cases = [
    { name: 'one value', values: [120], p50: 120, p95: 120 },
    { name: '1 to 100 ms', values: Array.from({ length: 100 }, (_, i) => i + 1), p50: 50, p95: 95 },
    { name: 'a slow tail', values: [...Array(90).fill(40), ...Array(10).fill(2_000)], p50: 40, p95: 2_000 },
    { name: 'under a millisecond', values: [0.2, 0.4], p50: 0.5, p95: 0.5 },
  ];
  it.each(cases)('$name: percentiles within 5%', ({ values, p50, p95 }) => {
    const h = histogramOf(values);
    expect(Math.abs(percentile(h, 0.5)! - p50) / p50).toBeLessThanOrEqual(0.05);
    expect(Math.abs(percentile(h, 0.95)! - p95) / p95).toBeLessThanOrEqual(0.05);
  });

  it('is null when empty', () => expect(percentile([], 0.5)).toBeNull());

  it('merges locations into the percentiles of all their rounds', () => {
    const fast = histogramOf(Array(60).fill(20));
    const slow = histogramOf(Array(40).fill(300));
    const merged = mergeHistograms([fast, slow]);
    expect(percentile(merged, 0.5)).toBe(bucketMs(fast[0]!));
    expect(percentile(merged, 0.95)).toBe(bucketMs(slow[0]!));
  });

  it('merges one histogram into itself in bucket order, whatever order it came in', () => {
    const h = histogramOf([20, 20, 300, 45, 300, 1200]);
    expect(mergeHistograms([h])).toEqual(h);
    // The same buckets listed out of order, one twice: merged as two would be.
    const pairs = Array.from({ length: h.length / 2 }, (_, i) => [h[2 * i]!, h[2 * i + 1]!]);
    const shuffled = [...pairs.reverse().flat(), pairs.at(-1)![0]!, 5];
    expect(mergeHistograms([shuffled])).toEqual(h.map((v, i) => (i === 1 ? v + 5 : v)));
  });
});
