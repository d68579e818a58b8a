/** Shared wording for monitoring figures on the page: days and times in UTC, percentages never rounded up to 100. */

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** `26 Aug 2026` for `2026-08-26`. */
export function formatDay(date: string): string {
  return dayFormat.format(new Date(`${date}T00:00:00Z`));
}

/** `28 Oct 2026, 22:12 UTC` */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** `99.93%`: cut, not rounded, so any downtime at all shows below 100%. */
export function formatPercent(percent: number | null): string {
  if (percent === null) return 'no data';
  return `${Math.floor(percent * 100) / 100}%`;
}

/** `68 min`, `2 h 5 min`, `3 d 4 h`. */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 1440) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(m / 1440)} d${Math.floor((m % 1440) / 60) ? ` ${Math.floor((m % 1440) / 60)} h` : ''}`;
}

/** `812 ms`, `2.1 s` */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
