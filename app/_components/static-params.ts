/**
 * generateStaticParams for an `[id]` route. `output: 'export'` refuses a dynamic route with no params,
 * so a site with no incidents (or no maintenance) yet gets one placeholder page that says "not found"
 * (calling notFound() there would export an empty page).
 */
export function idParams(ids: readonly string[]): { id: string }[] {
  return ids.length > 0 ? ids.map((id) => ({ id })) : [{ id: 'none' }];
}

/** Metadata for the placeholder page. */
export const placeholderMetadata = { title: 'Page not found', robots: { index: false } };
