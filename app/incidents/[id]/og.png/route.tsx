import { incidentImage } from '@/lib/publish/social-image';
import { siteData } from '@/lib/site-data';
import { firstIdParams } from '../../../_components/static-params';

export const dynamic = 'force-static';
export const dynamicParams = false;

/**
 * The exported build renders the first incident's image; `outpost build` renders the rest after Next, with this
 * same function, keeping them between builds (lib/build/images.ts). `next dev` serves them all.
 */
export function generateStaticParams() {
  return firstIdParams(siteData().content.incidents.map((i) => i.id));
}

/** One incident's social image: its title, impact and latest status. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return incidentImage(siteData(), (await params).id) ?? new Response('Not found', { status: 404 });
}
