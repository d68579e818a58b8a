import type { SiteData } from '@/lib/site-data';
import type { Words } from '@/lib/i18n';
import { dayMs, startOfUtcDay, utcDate } from '@/lib/status';
import { Say } from './say';

/** The plot's own units: the SVG stretches them to its box, so the lines fill any width. */
const width = 720;
const height = 200;

/** What a latency chart draws: the component, and its median and 95th percentile per day, oldest first (null: not measured). */
export type LatencyView = { componentId: string; name: string; series: { date: string; p50: number | null; p95: number | null }[] };

/** A component's latency over the last `days` (today the last) from the monitor's daily figures. */
export function latencyOf(data: SiteData, componentId: string, days = 90): LatencyView {
  const name = data.content.site.components.find((c) => c.id === componentId)?.name ?? componentId;
  const today = startOfUtcDay(data.now.getTime());
  const byDate = new Map((data.monitor?.daily[componentId] ?? []).map((d) => [d.date, d]));
  const series = Array.from({ length: days }, (_, i) => {
    const date = utcDate(today - (days - 1 - i) * dayMs);
    const day = byDate.get(date);
    return { date, p50: day?.latencyP50Ms ?? null, p95: day?.latencyP95Ms ?? null };
  });
  return { componentId, name, series };
}

/**
 * Latency per day (median and 95th percentile) over the view's days, drawn as an SVG at build time on a
 * log scale: no script, no chart library. The plot stretches to the width of the screen while its axis labels
 * are page text beside and below it, as readable at 320 px as at 1280. Its title and description say what it
 * shows; a table below holds the numbers. With fewer than two days measured there is no line to draw, and it
 * says so in words.
 */
export function LatencyChart({ latency, w }: { latency: LatencyView; w: Words }) {
  const { componentId, name, series } = latency;
  const days = series.length;
  const known = series.filter((s) => s.p50 !== null && s.p95 !== null);
  if (known.length === 0) {
    return (
      <p className="muted">
        <Say w={w} k="chart.none" vars={{ component: name, count: days }} apart />
      </p>
    );
  }
  if (known.length === 1) {
    const [day] = known as [(typeof known)[number]];
    return (
      <p className="muted">
        {w.t('chart.oneDay', { component: name, day: w.day(day.date), p50: w.ms(day.p50!), p95: w.ms(day.p95!) })}
      </p>
    );
  }
  // A log scale: a slow day's 95th percentile must not flatten every ordinary day into the axis.
  const low = Math.floor(Math.log10(Math.max(1, Math.min(...known.map((s) => s.p50!)))));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...known.map((s) => s.p95!)))));
  const x = (i: number) => (i / (days - 1)) * width;
  const y = (ms: number) => height - ((Math.log10(Math.max(ms, 1)) - low) / (high - low)) * height;
  const at = (i: number, key: 'p50' | 'p95') => series[i]?.[key] ?? null;
  // A day with no neighbour measured is a dot: a zero-length stroke with round caps.
  const path = (key: 'p50' | 'p95') =>
    series
      .map((s, i) => {
        const value = s[key];
        if (value === null) return null;
        const point = `${x(i).toFixed(1)} ${y(value).toFixed(1)}`;
        if (i > 0 && at(i - 1, key) !== null) return `L${point}`;
        return at(i + 1, key) === null ? `M${point}h0` : `M${point}`;
      })
      .filter(Boolean)
      .join('');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const worst = known.reduce((a, b) => (b.p95! > a.p95! ? b : a));
  const id = `lc-${componentId}`;
  const description = w.t('chart.description', { p50: w.ms(median(known.map((s) => s.p50!))), p95: w.ms(median(known.map((s) => s.p95!))), day: w.day(worst.date), worst: w.ms(worst.p95!) });
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
  return (
    <figure className="lc">
      <div className="lc-chart">
        {/* Evenly spaced decades, top to bottom: the same spacing as the grid lines they name. */}
        <ol className="lc-y" aria-hidden="true">
          {ticks.toReversed().map((t) => (
            <li key={t}>{w.ms(t)}</li>
          ))}
        </ol>
        {/* Stretched to its box, its strokes keep their width (non-scaling-stroke). */}
        <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-labelledby={`${id}-t ${id}-d`} fill="none" strokeLinecap="round" strokeLinejoin="round">
          <title id={`${id}-t`}>{w.t('chart.title', { component: name, count: days })}</title>
          <desc id={`${id}-d`}>{description}</desc>
          {ticks.map((t) => (
            <line key={t} className="grid" x1={0} x2={width} y1={y(t)} y2={y(t)} vectorEffect="non-scaling-stroke" />
          ))}
          <path className="p95" d={path('p95')} strokeWidth="2" strokeDasharray="5 4" vectorEffect="non-scaling-stroke" />
          <path className="p50" d={path('p50')} strokeWidth="2.5" vectorEffect="non-scaling-stroke" />
        </svg>
        <p className="lc-x" aria-hidden="true">
          <span>{w.day(series[0]!.date)}</span>
          <span>{w.day(series.at(-1)!.date)}</span>
        </p>
      </div>
      <figcaption className="lc-key">
        <span>
          <svg viewBox="0 0 20 8" aria-hidden="true">
            <path className="p50" d="M0 4h20" strokeWidth="2.5" />
          </svg>
          {w.t('chart.median')}
        </span>
        <span>
          <svg viewBox="0 0 20 8" aria-hidden="true">
            <path className="p95" d="M0 4h20" strokeWidth="2" strokeDasharray="5 4" />
          </svg>
          {w.t('chart.p95')}
        </span>
      </figcaption>
      <details>
        <summary>{w.t('chart.byDay')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{w.t('chart.dayUtc')}</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
            </tr>
          </thead>
          <tbody>
            {known.map((s) => (
              <tr key={s.date}>
                <th scope="row">{w.day(s.date)}</th>
                <td>{w.ms(s.p50!)}</td>
                <td>{w.ms(s.p95!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
