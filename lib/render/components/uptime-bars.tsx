import type { SiteData } from '@/lib/site-data';
import { formatDay, formatDuration, formatPercent, plural, type DayUptime } from '@/lib/status';
import { uptimeOf } from '../views';

/** Bar colour class per worst status of the day. */
const barClass = { operational: 'o', degraded_performance: 'd', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u' } as const;
const windowLabel: Record<string, string> = { '24 hours': '24 h', '7 days': '7 d', '30 days': '30 d', '90 days': '90 d' };

/** What a day's bar says, in words: the tooltip and, for days with trouble, the accessible name. */
export function dayText(day: DayUptime): string {
  if (day.uptimePercent === null) return `${formatDay(day.date)}: no data`;
  const parts = [`${formatDay(day.date)}: ${formatPercent(day.uptimePercent)} uptime`];
  const minutes = (n: number) => formatDuration(n * 60_000);
  if (day.minutesDown) parts.push(`${minutes(day.minutesDown)} down`);
  if (day.minutesPartial) parts.push(`${minutes(day.minutesPartial)} partial outage`);
  if (day.minutesDegraded) parts.push(`${minutes(day.minutesDegraded)} degraded`);
  if (day.minutesMaintenance) parts.push(`${minutes(day.minutesMaintenance)} maintenance`);
  const text = parts.join(', ');
  return day.incidents.length ? `${text}. ${day.incidents.map((i) => i.title).join('; ')}` : text;
}

/**
 * 90 daily bars for one component plus uptime over 24 h, 7 d, 30 d and 90 d. Hovering any bar shows its
 * day in words (CSS only). A day with trouble is an image named by those words, reachable with the
 * keyboard, and its focus shows them too; screen readers get one sentence first, then those days only.
 * Each day's words appear once in the markup: the home page repeats this for every component.
 */
export function UptimeBars({ data, componentId }: { data: SiteData; componentId: string }) {
  const { days, windows } = uptimeOf(data, componentId);
  const troubled = days.filter((d) => d.worst !== null && d.worst !== 'operational').length;
  const summary = `Uptime over the last 90 days: ${formatPercent(windows[3]!.percent)}; ${
    troubled === 0 ? 'no day with downtime, degradation or maintenance.' : `${plural(troubled, 'day')} with trouble, each listed next.`
  }`;
  return (
    <div className="ub">
      <p className="ub-sr">{summary}</p>
      <div className="ub-bars">
        {days.map((day) => {
          const kind = day.worst === null ? 'n' : barClass[day.worst];
          return kind === 'o' || kind === 'n' ? (
            <i key={day.date} className={kind} data-t={dayText(day)} />
          ) : (
            <i key={day.date} className={kind} tabIndex={0} role="img" aria-label={dayText(day)} />
          );
        })}
      </div>
      <dl className="ub-win">
        {windows.map((w) => (
          <div key={w.label}>
            <dt>
              <abbr title={w.label}>{windowLabel[w.label]}</abbr>
            </dt>
            <dd>{formatPercent(w.percent)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
