import { z } from 'zod';

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

const isoWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
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
    const ms = Date.parse(trimmed);
    if (!isoWithZone.test(trimmed) || Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 time with an offset or Z, got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

/** An absolute http(s) URL. */
export const httpUrl = z.url({ protocol: /^https?$/, error: (issue) => `expected an absolute http(s) URL, got ${describe(issue.input)}` });

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
