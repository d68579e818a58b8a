import { ownImageIds } from '@/lib/publish/metadata';
import { incidentImage } from '@/lib/publish/social-image';
import { siteData } from '@/lib/site-data';
import { firstIdParams } from '../../../_components/static-params';

export const dynamic = 'force-static';
export const dynamicParams = false;

/**
 * Open and recent incidents only (hasOwnImage): the others' pages show the site's image. The exported build
 * renders the first of them; `outpost build` renders the rest after Next, with this same function
 * (lib/build/images.ts). `next dev` serves them all.
 */
export function generateStaticParams() {
  const { content, now } = siteData();
  return firstIdParams(ownImageIds(content, now));
}

/** One incident's social image: its title, impact and latest status. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return incidentImage(siteData(), (await params).id) ?? new Response('Not found', { status: 404 });
}
