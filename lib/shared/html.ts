const escapes: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };

/**
 * `text` made safe inside HTML text and quoted attributes, escaped as React escapes it (so markup written by hand, like
 * the uptime bars, is byte-equal to what React would write): the one escape for the HTML Outpost writes by hand.
 */
export function escapeHtml(text: string): string {
  return text.replace(/["&'<>]/g, (c) => escapes[c]!);
}
