import { componentBadge } from '@/lib/publish/badges';
import { fileResponse, types } from '@/lib/publish/respond';
import { siteData } from '@/lib/site-data';

export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return siteData().content.site.components.map((c) => ({ id: c.id }));
}

/** One component's status badge. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return fileResponse(componentBadge(siteData(), (await params).id), types.svg);
}
