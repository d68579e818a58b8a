import { liveFile } from '@/lib/publish/live';
import { fileResponse, types } from '@/lib/publish/respond';
import { siteData } from '@/lib/site-data';

export const dynamic = 'force-static';

/** /status.json as of the build; `outpost publish` rewrites it between builds. */
export function GET() {
  return fileResponse(liveFile(siteData(), 'status.json'), types.json);
}
