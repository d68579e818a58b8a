import { Fragment } from 'react';
import { siteData } from '@/lib/site-data';

/** Links to the named components, in site order, comma separated. */
export function ComponentLinks({ ids }: { ids: readonly string[] }) {
  const components = siteData().content.site.components.filter((c) => ids.includes(c.id));
  return components.map((c, i) => (
    <Fragment key={c.id}>
      {i > 0 && ', '}
      <a href={`/components/${c.id}`}>{c.name}</a>
    </Fragment>
  ));
}
