import { siteBadge } from '@/lib/publish/badges';
import { fileResponse, types } from '@/lib/publish/respond';
import { siteData } from '@/lib/site-data';

export const dynamic = 'force-static';

/** The overall status badge. */
export function GET() {
  return fileResponse(siteBadge(siteData()), types.svg);
}
