/** Status rules: pure functions of content, monitoring data and `now`. No file system, no clock. */
export * from './status';
export * from './incidents';
export * from './maintenance';
export * from './history';
export * from './stale';
export * from './format';
export type * from './types';
export * from './uptime';
export * from './looks';
