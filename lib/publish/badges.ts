import { withoutForbiddenCharacters } from '../content';
import { words } from '../i18n';
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

/** Arabic and Hebrew letters: text that runs right to left, and (Arabic) joins its letters. */
const rightToLeft = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/** What a badge shows: a name and how its status looks. */
export type BadgeInput = { label: string; look: Look };

/**
 * An SVG badge of a look; no control character in a name can make it malformed XML. badge-maker sizes each text
 * from Verdana's widths (a letter it does not know counts as wide as "m", so no translation is cut short) and
 * stretches the text to that size with `textLength`. Stretching spaces out Arabic letters, which must join, and
 * Chromium misplaces stretched right-to-left text: such text keeps its natural width, centred in its box.
 */
export async function badgeSvg({ label, look }: BadgeInput): Promise<string> {
  // Loaded when a badge is made (a status changed, or a build): its fonts' widths took 0.03 s of every command's start.
  const { makeBadge } = await import('badge-maker');
  const svg = makeBadge({ label, message: look.words, color: toneColors[look.tone] });
  return withoutForbiddenCharacters(svg.replace(/(<text [^>]*?) textLength="\d+"(>[^<]*<\/text>)/g, (text, open: string, rest: string) => (rightToLeft.test(rest) ? open + rest : text)));
}

/** /badge.svg: the site's name and its overall status in words; the SVG's title and aria-label say both. */
export function siteBadgeInput({ content, status }: SiteData): BadgeInput {
  return { label: content.site.name, look: pageLook(status, words(content.site.language)) };
}

/** /components/<id>/badge.svg, or null for an id the site does not have (so no file is generated). */
export function componentBadgeInput({ content, status }: SiteData, componentId: string): BadgeInput | null {
  const state = status.components.find((c) => c.component.id === componentId);
  return state ? { label: state.component.name, look: componentLook(state, words(content.site.language)) } : null;
}

/** The site's badge. */
export const siteBadge = (data: SiteData): Promise<string> => badgeSvg(siteBadgeInput(data));

/** A component's badge, or null for an id the site does not have. */
export async function componentBadge(data: SiteData, componentId: string): Promise<string | null> {
  const input = componentBadgeInput(data, componentId);
  return input && badgeSvg(input);
}
