import { maintenanceCalendar } from '@/lib/publish/ics';
import { fileResponse, types } from '@/lib/publish/respond';
import { siteData } from '@/lib/site-data';

export const dynamic = 'force-static';

/** Upcoming, current and recent maintenance as an iCalendar feed. */
export function GET() {
  return fileResponse(maintenanceCalendar(siteData()), types.ics);
}
