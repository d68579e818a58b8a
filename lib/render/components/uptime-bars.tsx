import { words, type Key, type Words } from '@/lib/i18n';
import { escapeHtml } from '@/lib/shared/html';
import type { DayUptime } from '@/lib/status';
import { perData, uptimeOf } from '../views';

/** Bar colour class per worst status of the day. */
const barClass = { operational: 'o', degraded_performance: 'd', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u' } as const;
/** Each window's length, as its label names it (lib/status/uptime.ts), for words in the page's language. */
const windowLength: Record<string, { count: number; unit: 'hours' | 'days' }> = {
  '24 hours': { count: 24, unit: 'hours' },
  '7 days': { count: 7, unit: 'days' },
  '30 days': { count: 30, unit: 'days' },
  '90 days': { count: 90, unit: 'days' },
};

/**
 * What a day's bar says, in words: the tooltip and, for days with trouble, the accessible name. The day without
 * its year: the bars are the last 90 days, and 4,500 years on a home page of 50 components weigh 0.4 KB gzipped.
 */
export function dayText(day: DayUptime, w: Words = words('en')): string {
  const date = w.dayMonth(day.date);
  if (day.uptimePercent === null) return w.t('bars.noData', { day: date });
  const parts = [w.t('bars.uptime', { day: date, percent: w.percent(day.uptimePercent) })];
  const spans: [number, Key][] = [
    [day.minutesDown, 'bars.down'],
    [day.minutesPartial, 'bars.partial'],
    [day.minutesDegraded, 'bars.degraded'],
    [day.minutesMaintenance, 'bars.maintenance'],
  ];
  for (const [minutes, key] of spans) if (minutes) parts.push(w.t(key, { duration: w.duration(minutes * 60_000) }));
  const text = parts.join(w.t('page.comma'));
  return day.incidents.length ? w.t('bars.incidents', { day: text, titles: day.incidents.map((i) => i.title).join(w.t('bars.titleSeparator')) }) : text;
}

const dayTexts = new Map<string, string>();

/**
 * dayText, once for the days that read alike: the same date, figures and incidents' titles read the same for every
 * component that had them (4,500 days on a home page of 50 components, most of them whole), and for the home page
 * and a component's page.
 */
function sameDayText(day: DayUptime, w: Words): string {
  let key = `${w.lang}|${day.date}|${day.uptimePercent}|${day.minutesDown}|${day.minutesPartial}|${day.minutesDegraded}|${day.minutesMaintenance}`;
  for (const incident of day.incidents) key += `\0${incident.title}`;
  let text = dayTexts.get(key);
  if (text === undefined) {
    // A process that runs for months (the pinger) starts again rather than keep every day it ever said.
    if (dayTexts.size >= 20_000) dayTexts.clear();
    text = dayText(day, w);
    dayTexts.set(key, text);
  }
  return text;
}

/** A component's bars as they read: each day's colour and words, the summary and each window's figure, in the site's language. */
export type BarsView = {
  summary: string;
  days: { date: string; kind: (typeof barClass)[keyof typeof barClass] | 'n'; text: string }[];
  windows: { label: string; percent: string }[];
};

/**
 * A component's bars for one SiteData, made once for the home page and the component's page. Words, not figures:
 * a page made from it is made again only when what it says changed (the 24-hour figure moves with the clock in
 * its last digits, which the page does not show).
 */
export const barsOf = perData((data, componentId): BarsView => {
  const w = words(data.content.site.language);
  const { days, windows } = uptimeOf(data, componentId);
  const troubled = days.filter((d) => d.worst !== null && d.worst !== 'operational').length;
  return {
    summary: w.t(troubled === 0 ? 'bars.summaryClear' : 'bars.summaryTrouble', { percent: w.percent(windows[3]!.percent), count: troubled }),
    days: days.map((day) => ({ date: day.date, kind: day.worst === null ? 'n' : barClass[day.worst], text: sameDayText(day, w) })),
    windows: windows.map(({ label, percent }) => ({ label, percent: w.percent(percent) })),
  };
});

/**
 * The bars' markup, as React would write each `<i>`: written here as one string, since 4,500 elements on a home page
 * of 50 components were most of its rendering time in a publish's new process. A quiet day carries its words for the
 * tooltip; a day with trouble is an image named by them, reachable with the keyboard.
 */
export function barsMarkup(days: BarsView['days']): string {
  let html = '';
  for (const { kind, text } of days) {
    html += kind === 'o' || kind === 'n' ? `<i class="${kind}" data-t="${escapeHtml(text)}"></i>` : `<i class="${kind}" tabindex="0" role="img" aria-label="${escapeHtml(text)}"></i>`;
  }
  return html;
}

/**
 * 90 daily bars for one component plus uptime over 24 h, 7 d, 30 d and 90 d. Hovering any bar shows its
 * day in words (CSS only). A day with trouble is an image named by those words, reachable with the
 * keyboard, and its focus shows them too; screen readers get one sentence first, then those days only.
 * Each day's words appear once in the markup: the home page repeats this for every component.
 */
export function UptimeBars({ bars, w }: { bars: BarsView; w: Words }) {
  return (
    <div className="ub">
      <p className="ub-sr">{bars.summary}</p>
      <div className="ub-bars" dangerouslySetInnerHTML={{ __html: barsMarkup(bars.days) }} />
      <dl className="ub-win">
        {bars.windows.map(({ label, percent }) => {
          const { count, unit } = windowLength[label]!;
          return (
            <div key={label}>
              <dt>
                <abbr title={w.t(`bars.${unit}`, { count })}>{w.t(`time.${unit}`, { count })}</abbr>
              </dt>
              <dd>{percent}</dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
