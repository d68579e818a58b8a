import { nestHeadings, renderMarkdown } from '@/lib/content';

/**
 * Staff-written markdown, rendered by the one safe renderer (raw HTML escaped, unsafe links blanked), its
 * headings starting at `headingLevel`: one below the heading the text sits under, so the outline stays whole.
 */
export function Markdown({ text, headingLevel, className = 'prose' }: { text: string; headingLevel: number; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: nestHeadings(renderMarkdown(text), headingLevel) }} />;
}
