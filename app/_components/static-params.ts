/**
 * generateStaticParams for an `[id]` route. `output: 'export'` refuses a dynamic route with no params,
 * so a site with no incidents (or no maintenance) yet gets one placeholder that renders the 404 page.
 */
export function idParams(ids: readonly string[]): { id: string }[] {
  return ids.length > 0 ? ids.map((id) => ({ id })) : [{ id: 'none' }];
}
