import { liveFile } from '@/lib/publish/live';
import { fileResponse, types } from '@/lib/publish/respond';
import { siteData } from '@/lib/site-data';

export const dynamic = 'force-static';

/** /api/v2/scheduled-maintenances/active.json as of the build; `outpost publish` rewrites it between builds. */
export function GET() {
  return fileResponse(liveFile(siteData(), 'api/v2/scheduled-maintenances/active.json'), types.json);
}
