import type { Metadata } from 'next';
import { pageTitle, publishMetadata } from '@/lib/publish/metadata';
import { siteData } from '@/lib/site-data';
import { firstIdParams, placeholderMetadata } from '../../_components/static-params';
import NotFound from '../../not-found';
import { IncidentArticle, incidentPageKind } from './incident';

type Props = { params: Promise<{ id: string }> };

export const dynamicParams = false;

/**
 * The exported build renders one incident page, the newest incident's: `outpost build` makes every other
 * incident's page from it (lib/build/stamp.ts). `next dev` serves them all.
 */
export function generateStaticParams() {
  return firstIdParams(siteData().content.incidents.map((i) => i.id));
}

function incidentOf(id: string) {
  return siteData().content.incidents.find((i) => i.id === id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const incident = incidentOf((await params).id);
  if (!incident) return placeholderMetadata;
  const { site } = siteData().content;
  const page = incidentPageKind(incident, siteData().now);
  return { title: { absolute: pageTitle(site, page.title) }, description: page.description, ...publishMetadata(site, page) };
}

export default async function IncidentPage({ params }: Props) {
  const incident = incidentOf((await params).id);
  if (!incident) return <NotFound />;
  const { content, now } = siteData();
  return <IncidentArticle incident={incident} content={content} now={now} />;
}
