import type { Metadata } from 'next';
import type { Site } from '@/lib/content';
import { pageMeta, pageTitle, type PageKind } from '@/lib/publish/metadata';

/**
 * What a page's `<head>` says about it, in one value that both ways of making a page read: Next's metadata
 * (nextMetadata, for `next dev` and a bare `next build`) and the tags the renderer sets into the shell (headHtml in
 * lib/render/shell.ts: react-dom/server may not be imported where Next's routes can see it).
 * The byte-equality test (lib/render/next-equal.test.ts) keeps the two the same.
 */
export type PageHead = {
  /** The page's own title, before " · Site"; none for the home page (the site's name alone). */
  title?: string;
  /** The meta description; the site's when absent. */
  description?: string;
  /** The canonical address, a path (history page 1 is /history). */
  canonical?: string;
  /** A page search engines must not index (the 404 page). */
  noindex?: boolean;
  /** What its social card and feeds are: the incident's own image, a component's own feed. */
  social: PageKind;
};

/** The head as Next metadata: every key set, so nothing is inherited from the layout. */
export function nextMetadata(site: Site, head: PageHead): Metadata {
  const { title, description, feeds, image } = pageMeta(site, head.social);
  return {
    title: { absolute: head.title ? pageTitle(site, head.title) : site.name },
    description: head.description ?? site.description ?? null,
    alternates: { ...(head.canonical ? { canonical: site.url + head.canonical } : {}), types: { 'application/rss+xml': feeds } },
    openGraph: { type: 'website', siteName: site.name, title, description, images: [image] },
    twitter: { card: 'summary_large_image', title, description, images: [image.url] },
  };
}
