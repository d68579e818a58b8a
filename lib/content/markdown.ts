import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { withoutForbiddenCharacters } from './text';

/**
 * Renders staff-written markdown to HTML that is safe to inline. micromark escapes raw HTML and blanks
 * any link or image whose protocol is not http(s), mailto or relative (so `javascript:` and `data:` go)
 * unless told otherwise, and we never tell it otherwise. It passes control characters through, which
 * validation refuses; they are removed here too, so no page or feed that shows markdown is malformed.
 */
export function renderMarkdown(markdown: string): string {
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = plainSentences.test(markdown) && !/www\.|:\/\//i.test(markdown) ? `<p>${markdown}</p>` : withoutForbiddenCharacters(micromark(markdown, options));
    if (rendered.size >= renderedMax) rendered.delete(rendered.keys().next().value!);
    rendered.set(markdown, html);
  }
  return html;
}

/**
 * One line of words and sentences that markdown leaves as they are, which micromark renders as one paragraph: letters,
 * digits, spaces between them and punctuation that is not markdown's (no `*_[]<>&"#|~\\` or backtick, no `@` or `://` of a
 * link), not starting a list (`- `, `+ `, `1. `) or a code block (spaces). Most staff updates are this; micromark took
 * 0.1 ms for each, 20 ms of a publish at a large site (the feeds show 200 updates each). The test holds it to micromark.
 */
const plainSentences = /^(?![-+]|\d+[.)])[\p{L}\p{N}.,;:!?'’()%/+=-]+(?: [\p{L}\p{N}.,;:!?'’()%/+=-]+)*$/u;

/** GFM's extensions, made once: they are the same for every message. */
const options = { extensions: [gfm()], htmlExtensions: [gfmHtml()] };

/**
 * Messages rendered lately, by their text: one update is shown on its incident page, in the site's feed, in each
 * affected component's feed and in the history, and a build renders it once. Oldest forgotten first.
 */
const rendered = new Map<string, string>();
const renderedMax = 20_000;

/**
 * Moves the headings of rendered markdown so that its top one is an `<h{top}>` and the others keep their steps
 * below it (h6 at most): a body's "## Summary" inside the page's h2 section becomes an h3, not a second h2.
 * Only micromark's own tags match: raw HTML in content is escaped before it gets here.
 */
export function nestHeadings(html: string, top: number): string {
  const levels = [...html.matchAll(/<h([1-6])>/g)].map((m) => Number(m[1]));
  if (levels.length === 0) return html;
  const shift = top - Math.min(...levels);
  return html.replace(/<(\/?)h([1-6])>/g, (_, close: string, level: string) => `<${close}h${Math.min(6, Number(level) + shift)}>`);
}

/** Plain text of a markdown message, for titles, feeds' summaries and `title` attributes. */
export function markdownToText(markdown: string): string {
  return renderMarkdown(markdown)
    .replace(/<\/?(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|br|hr|img)\b[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
