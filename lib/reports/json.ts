import type { Report } from './report';

/**
 * A report as JSON, for scripts: as it is computed, but with each confirmed outage's reason in English only (its
 * `reason`), without the parts the report page renders in the site's language (`why`). The file then reads the
 * same whatever the site's language, as report.csv does. `space` indents it (the CLI's 2).
 */
export function reportJson(report: Report, space?: number): string {
  return JSON.stringify(report, (key: string, value: unknown) => (key === 'why' ? undefined : value), space);
}
