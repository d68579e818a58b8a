import path from 'node:path';

/**
 * The project: where next.config.ts, app/ and the build state (.next/, .outpost/) live. Two folders up from lib/build/,
 * and from .outpost/cli/, where the CLI's bundle runs.
 */
export const projectRoot = path.resolve(__dirname, '..', '..');

/** Where kept outputs (incident images) stay between builds: in Next's cache folder, so whatever keeps that (a CI cache step, a server's working copy) keeps them too. */
export const keptDir = path.join(projectRoot, '.next', 'cache', 'outpost-kept');
