import { languages, type Words } from '.';

const formats = new Map<string, Intl.ListFormat>();

/** `API, Web und DB`, `API、Web、DB`: names listed as the language lists them (English: `API, Web, DB`). */
export function listOf(w: Pick<Words, 'lang'>, items: readonly string[]): string {
  const intl = languages[w.lang].intl;
  let format = formats.get(intl);
  if (!format) formats.set(intl, (format = new Intl.ListFormat(intl, { type: 'conjunction', style: 'narrow' })));
  return format.format(items);
}
