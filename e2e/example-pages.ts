/** One page of each type in the shipped example content (content/), for the browser tests. */
export const examplePages = {
  home: '/',
  openIncident: '/incidents/2026-11-23-elevated-api-errors',
  resolvedIncident: '/incidents/2026-10-28-api-outage',
  postmortemIncident: '/incidents/2026-11-20-login-failures',
  maintenanceInProgress: '/maintenance/2026-11-23-database-upgrade',
  maintenanceScheduled: '/maintenance/2026-11-26-cdn-provider-migration',
  maintenanceCompleted: '/maintenance/2026-11-16-network-maintenance',
  maintenanceCancelled: '/maintenance/2026-11-21-dns-provider-change',
  component: '/components/api',
  history: '/history',
  historyPage: '/history/page/1',
  notFound: '/no-such-page',
} as const;
