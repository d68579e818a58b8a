import { makeBadge } from 'badge-maker';
import { withoutForbiddenCharacters } from '../content';
import { componentLook, pageLook, type Look, type Tone } from '../status';
import type { SiteData } from '../site-data';

/** badge-maker's colour for each tone (lib/status/looks.ts decides the tone). */
const toneColors: Record<Tone, string> = {
  ok: 'brightgreen',
  minor: 'yellow',
  major: 'orange',
  critical: 'red',
  maintenance: 'blue',
  neutral: 'lightgrey',
};

/** An SVG badge of a look; no control character in a name can make it malformed XML. */
function badge(label: string, look: Look): string {
  return withoutForbiddenCharacters(makeBadge({ label, message: look.words, color: toneColors[look.tone] }));
}

/** /badge.svg: the site's name and its overall status in words; the SVG's title and aria-label say both. */
export function siteBadge({ content, status }: SiteData): string {
  return badge(content.site.name, pageLook(status));
}

/** /components/<id>/badge.svg, or null for an id the site does not have (so no file is generated). */
export function componentBadge({ status }: SiteData, componentId: string): string | null {
  const state = status.components.find((c) => c.component.id === componentId);
  return state ? badge(state.component.name, componentLook(state)) : null;
}
