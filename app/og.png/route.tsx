import { homeImage } from '@/lib/publish/social-image';
import { siteData } from '@/lib/site-data';

export const dynamic = 'force-static';

/** The home page's social image: the overall status as of the build. */
export function GET() {
  return homeImage(siteData());
}
