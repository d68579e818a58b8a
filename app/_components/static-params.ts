import { placeholderId } from '@/lib/build/verify';

/**
 * generateStaticParams for an `[id]` route. `output: 'export'` refuses a dynamic route with no params,
 * so a site with no incidents (or no maintenance) yet gets one placeholder page that says "not found"
 * (calling notFound() there would export an empty page); `outpost build` removes it from the export.
 */
export function idParams(ids: readonly string[]): { id: string }[] {
  return ids.length > 0 ? ids.map((id) => ({ id })) : [{ id: placeholderId }];
}

/**
 * idParams for a route whose pages `outpost build` makes outside Next from the one Next exports (incident pages,
 * lib/build/stamp.ts; incident images, lib/build/images.ts): the first id under `outpost build` (which sets
 * OUTPOST_STAMPED), every id otherwise, so `next dev` and a bare `next build` are complete.
 */
export function firstIdParams(ids: readonly string[]): { id: string }[] {
  return idParams(process.env.OUTPOST_STAMPED === '1' ? ids.slice(0, 1) : ids);
}

/** Metadata for the placeholder page. */
export const placeholderMetadata = { title: 'Page not found', robots: { index: false } };
