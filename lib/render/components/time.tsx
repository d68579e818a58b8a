import { formatUtc } from '@/lib/status';

/**
 * A moment: `datetime` in UTC and readable UTC text, so the page is right without JavaScript;
 * public/outpost.js rewrites the text in the reader's zone, or as "5 minutes ago" when `relative`.
 */
export function Time({ iso, relative = false }: { iso: string; relative?: boolean }) {
  return (
    // The script rewrites the text before Next's runtime hydrates the page; React must leave it be.
    <time dateTime={iso} data-relative={relative ? '' : undefined} suppressHydrationWarning>
      {formatUtc(iso)}
    </time>
  );
}
