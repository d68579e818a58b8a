import type { SiteData } from '../site-data';
import { snapshot } from './snapshot';
import { statuspage } from './statuspage';

/** The JSON files (Statuspage v2 and the live snapshot), by path relative to the site root. */
const liveDocuments = {
  'status.json': snapshot,
  'api/v2/summary.json': statuspage.summary,
  'api/v2/status.json': statuspage.status,
  'api/v2/components.json': statuspage.components,
  'api/v2/incidents.json': statuspage.incidents,
  'api/v2/incidents/unresolved.json': statuspage.unresolvedIncidents,
  'api/v2/scheduled-maintenances.json': statuspage.scheduledMaintenances,
  'api/v2/scheduled-maintenances/upcoming.json': statuspage.upcomingMaintenances,
  'api/v2/scheduled-maintenances/active.json': statuspage.activeMaintenances,
} satisfies Record<string, (data: SiteData) => unknown>;

export type LiveFile = keyof typeof liveDocuments;

/** Every live file's path relative to the site root. */
export const liveFilePaths = Object.keys(liveDocuments) as LiveFile[];

/** One JSON file's text. */
export function liveFile(data: SiteData, file: LiveFile): string {
  return JSON.stringify(liveDocuments[file](data));
}
