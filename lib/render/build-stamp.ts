import { z } from 'zod';
import type { SiteData } from '@/lib/site-data';
import { fingerprint } from './fingerprint';

/**
 * /build.json: which build a host serves, so two hosts can be compared (`outpost doctor --mirror`). Its id is a
 * digest of what the build was made from, not the build folder's name: a full build and a publish of the same
 * inputs must give the same bytes (the folder name is random), and two hosts that serve the same upload serve
 * the same id. Every publish that changes anything is a new build, with a new id and a later builtAt.
 */
export const buildStampSchema = z.strictObject({
  /** A digest of the content, the monitoring data and the moment the build is for. */
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** The moment the build (or publish) is for. */
  builtAt: z.iso.datetime(),
});
export type BuildStamp = z.infer<typeof buildStampSchema>;

/** The stamp of a build of `data`. */
export function buildStamp(data: SiteData): BuildStamp {
  return { id: fingerprint(data), builtAt: data.now.toISOString() };
}
