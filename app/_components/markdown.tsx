import { renderMarkdown } from '@/lib/content';

/** Staff-written markdown, rendered by the one safe renderer (raw HTML escaped, unsafe links blanked). */
export function Markdown({ text, className = 'prose' }: { text: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
