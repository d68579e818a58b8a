import type { Words } from '@/lib/i18n';

/**
 * A moment: `datetime` in UTC and readable UTC text in the page's language, so the page is right without
 * JavaScript; public/outpost.js rewrites the text in the reader's zone, or as "5 minutes ago" when `relative`.
 */
export function Time({ iso, w, relative = false }: { iso: string; w: Words; relative?: boolean }) {
  return (
    // The script rewrites the text before Next's runtime hydrates the page; React must leave it be.
    <time dateTime={iso} data-relative={relative ? '' : undefined} suppressHydrationWarning>
      {w.dateTime(iso)}
    </time>
  );
}
