import { componentFeed } from '@/lib/publish/rss';
import { fileResponse, types } from '@/lib/publish/respond';
import { siteData } from '@/lib/site-data';

export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return siteData().content.site.components.map((c) => ({ id: c.id }));
}

/** One component's RSS feed. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return fileResponse(componentFeed(siteData(), (await params).id), types.rss);
}
