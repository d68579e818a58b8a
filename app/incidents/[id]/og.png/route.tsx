import { ownImageIds } from '@/lib/publish/metadata';
import { incidentImage } from '@/lib/publish/social-image';
import { siteData } from '@/lib/site-data';
import { idParams } from '../../../_components/static-params';

export const dynamic = 'force-static';
export const dynamicParams = false;

/**
 * Open and recent incidents only (hasOwnImage): the others' pages show the site's image. The exported build
 * renders the first of them; `outpost build` renders the rest after Next, with this same function
 * (lib/build/images.ts). `next dev` serves them all.
 */
export function generateStaticParams() {
  const { content, now } = siteData();
  const ids = ownImageIds(content, now);
  return idParams(process.env.NODE_ENV === 'development' ? ids : ids.slice(0, 1));
}

/** One incident's social image: its title, impact and latest status. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return incidentImage(siteData(), (await params).id) ?? new Response('Not found', { status: 404 });
}
