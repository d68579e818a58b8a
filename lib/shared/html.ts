/** `text` made safe inside HTML text and double-quoted attributes: the one escape for the HTML Outpost writes by hand. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
