import { z } from 'zod';
import { oneLine } from './text';

/** Statuspage v2 component statuses, best first. */
export const componentStatuses = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export const componentStatus = z.enum(componentStatuses);
export type ComponentStatus = z.infer<typeof componentStatus>;

/** Statuspage v2 incident impacts, least first. */
export const impacts = ['none', 'minor', 'major', 'critical'] as const;
export const impact = z.enum(impacts);
export type Impact = z.infer<typeof impact>;

/** Statuspage v2 incident update statuses. */
export const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export const incidentStatus = z.enum(incidentStatuses);
export type IncidentStatus = z.infer<typeof incidentStatus>;

/** Statuses a maintenance update may announce; "cancelled" and "completed" end a window early. */
export const maintenanceUpdateStatuses = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'] as const;
export const maintenanceUpdateStatus = z.enum(maintenanceUpdateStatuses);

/** An id that is also a URL segment and a file name. */
export const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: (issue) => `expected lowercase letters, digits and single dashes ([a-z0-9-]), got ${JSON.stringify(issue.input)}`,
});

const isoWithZone = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;
const naive = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/**
 * An ISO 8601 time with an offset or Z, normalised to UTC (`2026-03-14T10:00:00.000Z`).
 * A naive time is refused rather than guessed: the reader and the writer may be in different zones.
 */
export const time = z
  .string({ error: (issue) => `expected an ISO 8601 time with an offset or Z, got ${describe(issue.input)}` })
  .transform((value, ctx) => {
    const trimmed = value.trim();
    if (naive.test(trimmed)) {
      ctx.addIssue({ code: 'custom', message: `a time needs an offset or Z, got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    const parts = isoWithZone.exec(trimmed);
    // Date.parse rolls an impossible date over (2026-02-30 is 2 March), so the parts are checked first.
    const impossible = parts && impossibleTime(parts.slice(1).map((part) => (part === undefined ? 0 : Number(part))));
    if (impossible) {
      ctx.addIssue({ code: 'custom', message: `expected a real date and time, got ${JSON.stringify(value)} (${impossible})` });
      return z.NEVER;
    }
    const ms = Date.parse(trimmed);
    if (!parts || Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 time with an offset or Z, got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a calendar date does not exist (`February 2026 has 28 days`), or null when it does. */
export function impossibleDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > days) return `${monthNames[month - 1]} ${year} has ${days} days`;
  return null;
}

/** Why [year, month, day, hour, minute, second, offset hours, offset minutes] is not a real time, or null. */
function impossibleTime([year, month, day, hour, minute, second, offsetHours, offsetMinutes]: number[]): string | null {
  const date = impossibleDate(year!, month!, day!);
  if (date) return date;
  if (hour! > 23) return `there is no hour ${hour}`;
  if (minute! > 59 || offsetMinutes! > 59) return `there is no minute ${Math.max(minute!, offsetMinutes!)}`;
  if (second! > 59) return `there is no second ${second}`;
  if (offsetHours! > 23) return `there is no offset of ${offsetHours} hours`;
  return null;
}

/** An absolute http(s) URL. */
export const httpUrl = z.url({ protocol: /^https?$/, error: (issue) => `expected an absolute http(s) URL, got ${describe(issue.input)}` });

/**
 * A name, title or one-line description: trimmed, and every run of white space in it (a line break
 * included, as a `|` block or a quoted string can hold) made one space, as a page would show it anyway.
 */
export const singleLine = z
  .string()
  .trim()
  .min(1)
  .transform(oneLine);

/** Markdown text written by staff; rendered safely by lib/content/markdown. */
export const markdown = z
  .string({ error: (issue) => `expected some text, got ${describe(issue.input)}` })
  .trim()
  .min(1, { error: 'expected some text, got an empty string' });

/** How a value looks in an error message: strings quoted, nothing said as such. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
