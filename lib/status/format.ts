/** Words for times and spans, in UTC, for pages that must read right without JavaScript. */

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `23 Nov 2026, 10:40 UTC`: what a `<time>` says before the script shows it in the reader's zone. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `2026-11` for grouping by month (UTC). */
export function monthKey(iso: string): string {
  return iso.slice(0, 7);
}

/** `November 2026` from `2026-11`. */
export function monthLabel(key: string): string {
  const [year, month] = key.split('-');
  return `${months[Number(month) - 1]} ${year}`;
}

/** `38 min`, `1 h 6 min`, `2 d 3 h`: a span in the two largest units that matter. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/** Words for an incident's update statuses. */
export const incidentStatusWords = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
} as const;

/** Words for an incident's impact. */
export const impactWords = { none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact' } as const;

/** Words for a maintenance window's state and its updates' statuses. */
export const maintenanceWords = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
} as const;
