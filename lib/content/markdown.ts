import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

/**
 * Renders staff-written markdown to HTML that is safe to inline. micromark escapes raw HTML and blanks
 * any link or image whose protocol is not http(s), mailto or relative (so `javascript:` and `data:` go)
 * unless told otherwise, and we never tell it otherwise.
 */
export function renderMarkdown(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
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
