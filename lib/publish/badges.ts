import { makeBadge } from 'badge-maker';
import { withoutForbiddenCharacters, type ComponentStatus } from '../content';
import { componentStatusWords, noDataWords, type Indicator } from '../status';
import type { SiteData } from '../site-data';

const indicatorColors: Record<Indicator, string> = {
  none: 'brightgreen',
  minor: 'yellow',
  major: 'orange',
  critical: 'red',
  maintenance: 'blue',
};

const statusColors: Record<ComponentStatus, string> = {
  operational: 'brightgreen',
  under_maintenance: 'blue',
  degraded_performance: 'yellow',
  partial_outage: 'orange',
  major_outage: 'red',
};

/** /badge.svg: the site's name and its overall status in words; the SVG's title and aria-label say both. */
export function siteBadge({ content, status }: SiteData): string {
  const color = status.indicator === 'none' && status.stale ? 'lightgrey' : indicatorColors[status.indicator];
  return badge({ label: content.site.name, message: status.description, color });
}

/** /components/<id>/badge.svg, or null for an id the site does not have (so no file is generated). */
export function componentBadge({ status }: SiteData, componentId: string): string | null {
  const state = status.components.find((c) => c.component.id === componentId);
  if (!state) return null;
  const unconfirmed = state.stale && state.status === 'operational';
  return badge({
    label: state.component.name,
    message: unconfirmed ? noDataWords : componentStatusWords[state.status],
    color: unconfirmed ? 'lightgrey' : statusColors[state.status],
  });
}

/** An SVG badge; no control character in a name can make it malformed XML. */
function badge(format: Parameters<typeof makeBadge>[0]): string {
  return withoutForbiddenCharacters(makeBadge(format));
}
