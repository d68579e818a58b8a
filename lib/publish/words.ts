import type { IncidentStatus } from '../content';
import type { MaintenanceState } from '../status';

/** Readers' words for an incident status. */
export const incidentStatusWords: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
};

/** Readers' words for a maintenance update's status. */
export const maintenanceStatusWords: Record<MaintenanceState | 'verifying', string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
