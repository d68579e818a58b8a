import { z } from 'zod';

/**
 * How uptime is counted, on the pages and in `outpost report` alike: the optional `reports:` block of
 * site.yaml. Every default is the rule the pages have always used, so a site without the block is unchanged.
 */

/** How much of a minute in a status counts as down, 0 (not at all) to 1 (fully). */
const weight = (fallback: number) => z.number().min(0).max(1).default(fallback);

export const reportRules = z
  .strictObject({
    /** Which records of trouble count: the pinger's confirmed outages (`monitor`), incidents staff declared (`incidents`), or `both`. */
    outages: z.enum(['both', 'monitor', 'incidents']).default('both'),
    /** How much each minute in a status counts as down. */
    weights: z
      .strictObject({
        major_outage: weight(1),
        partial_outage: weight(0.3),
        degraded_performance: weight(0),
      })
      .prefault({}),
    /** Maintenance windows: left out of the figure (`exclude`), or counted like any other time (`include`). */
    maintenance: z.enum(['exclude', 'include']).default('exclude'),
    /** Time with no monitoring record: left out (`exclude`), counted as up, or counted as down. */
    noData: z.enum(['exclude', 'up', 'down']).default('exclude'),
  })
  .prefault({});
export type ReportRules = z.infer<typeof reportRules>;

/** An SLA target in percent of the counted time, e.g. 99.9. */
export const slaTarget = z.number().gt(0).max(100);
