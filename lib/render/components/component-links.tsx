import { Fragment } from 'react';
import type { Words } from '@/lib/i18n';

/** A component as a link names it. */
export type ComponentName = { id: string; name: string };

/** Links to the named components, in site order (`components`), comma separated. */
export function ComponentLinks({ ids, components, w }: { ids: readonly string[]; components: readonly ComponentName[]; w: Words }) {
  return components
    .filter((c) => ids.includes(c.id))
    .map((c, i) => (
      <Fragment key={c.id}>
        {i > 0 && w.t('page.comma')}
        <a href={`/components/${c.id}`}>{c.name}</a>
      </Fragment>
    ));
}

const names = new WeakMap<object, ComponentName[]>();

/** The site's components as links name them, in site order (one array per site, so inputs that hold it hash it once). */
export function componentNames(site: { components: readonly ComponentName[] }): ComponentName[] {
  if (!names.has(site)) names.set(site, site.components.map(({ id, name }) => ({ id, name })));
  return names.get(site)!;
}
