import { hasOwnImage } from '@/lib/publish/metadata';
import { incidentImage } from '@/lib/publish/social-image';
import { siteData } from '@/lib/site-data';
import { idParams } from '../../../_components/static-params';

export const dynamic = 'force-static';
export const dynamicParams = false;

/** Open and recent incidents only (hasOwnImage): the others' pages show the site's image. */
export function generateStaticParams() {
  const { content, now } = siteData();
  return idParams(content.incidents.filter((i) => hasOwnImage(i, now)).map((i) => i.id));
}

/** One incident's social image: its title, impact and latest status. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return incidentImage(siteData(), (await params).id) ?? new Response('Not found', { status: 404 });
}
