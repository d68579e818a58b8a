/** Publishing: everything Outpost serves besides its pages, built from the same SiteData as the pages. */
export { siteFeed, componentFeed, feedItemLimit } from './rss';
export { statuspage, recentLimit } from './statuspage';
export { maintenanceCalendar, calendarHistoryDays } from './ics';
export { siteBadge, componentBadge } from './badges';
export { snapshot, type Snapshot } from './snapshot';
export { liveFile, liveFilePaths, type LiveFile } from './live';
export { siteUrls } from './urls';
