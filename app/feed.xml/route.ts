import { siteFeed } from '@/lib/publish/rss';
import { fileResponse, types } from '@/lib/publish/respond';
import { siteData } from '@/lib/site-data';

export const dynamic = 'force-static';

/** The whole site's RSS feed. */
export function GET() {
  return fileResponse(siteFeed(siteData()), types.rss);
}
