import type { SiteData } from '@/lib/site-data';
import { dayMs, formatDay, formatMs, startOfUtcDay, utcDate } from '@/lib/status';

const width = 720;
const height = 200;
const margin = { top: 10, right: 10, bottom: 22, left: 52 };

/**
 * Latency per day (median and 95th percentile) over the last `days`, drawn as an SVG at build time on a
 * log scale: no script, no chart library. Its title and description say what it shows; a table below holds the numbers.
 */
export function LatencyChart({ data, componentId, days = 90 }: { data: SiteData; componentId: string; days?: number }) {
  const name = data.content.site.components.find((c) => c.id === componentId)?.name ?? componentId;
  const today = startOfUtcDay(data.now.getTime());
  const byDate = new Map((data.monitor?.daily[componentId] ?? []).map((d) => [d.date, d]));
  const series = Array.from({ length: days }, (_, i) => {
    const date = utcDate(today - (days - 1 - i) * dayMs);
    const day = byDate.get(date);
    return { date, p50: day?.latencyP50Ms ?? null, p95: day?.latencyP95Ms ?? null };
  });
  const known = series.filter((s) => s.p50 !== null && s.p95 !== null);
  if (known.length === 0) return <p className="lc">No latency measured for {name} yet.</p>;

  // A log scale: a slow day's 95th percentile must not flatten every ordinary day into the axis.
  const low = Math.floor(Math.log10(Math.max(1, Math.min(...known.map((s) => s.p50!)))));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...known.map((s) => s.p95!)))));
  const x = (i: number) => margin.left + (i / (days - 1)) * (width - margin.left - margin.right);
  const y = (ms: number) => height - margin.bottom - ((Math.log10(Math.max(ms, 1)) - low) / (high - low)) * (height - margin.top - margin.bottom);
  const path = (key: 'p50' | 'p95') =>
    series
      .map((s, i) => (s[key] === null ? null : `${i > 0 && series[i - 1]![key] !== null ? 'L' : 'M'}${x(i).toFixed(1)} ${y(s[key]!).toFixed(1)}`))
      .filter(Boolean)
      .join('');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const worst = known.reduce((a, b) => (b.p95! > a.p95! ? b : a));
  const id = `lc-${componentId}`;
  const description = `Typical median latency ${formatMs(median(known.map((s) => s.p50!)))}, typical 95th percentile ${formatMs(median(known.map((s) => s.p95!)))}; the slowest day was ${formatDay(worst.date)} with a 95th percentile of ${formatMs(worst.p95!)}.`;
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));

  return (
    <figure className="lc">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{`Latency of ${name} per day, last ${days} days (log scale)`}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line className="grid" x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} />
            <text x={margin.left - 6} y={y(t) + 4} textAnchor="end">
              {formatMs(t)}
            </text>
          </g>
        ))}
        <text x={x(0)} y={height - 6}>
          {formatDay(series[0]!.date)}
        </text>
        <text x={x(days - 1)} y={height - 6} textAnchor="end">
          {formatDay(series.at(-1)!.date)}
        </text>
        <path className="p95" d={path('p95')} fill="none" strokeWidth="1.5" />
        <path className="p50" d={path('p50')} fill="none" strokeWidth="2" />
      </svg>
      <figcaption className="lc-key">
        <span>Median (p50)</span>
        <span className="k95">95th percentile (p95)</span>
      </figcaption>
      <details>
        <summary>Latency by day</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
            </tr>
          </thead>
          <tbody>
            {known.map((s) => (
              <tr key={s.date}>
                <th scope="row">{formatDay(s.date)}</th>
                <td>{formatMs(s.p50!)}</td>
                <td>{formatMs(s.p95!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
