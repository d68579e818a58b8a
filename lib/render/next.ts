import type { Metadata } from 'next';
import { createElement } from 'react';
import { words } from '@/lib/i18n';
import { siteData } from '@/lib/site-data';
import { nextMetadata } from './head';
import { outputs, type OutputKind, type PageOutput, type Params } from './outputs';
import { NotFoundPage } from './pages/not-found';

/**
 * Next's routes in app/ as thin adapters over the outputs (lib/render/outputs.ts): each lists, renders and
 * describes its pages and files by calling its kind, so `next dev` and a bare `next build` show exactly what
 * the renderer writes. `outpost build` runs Next only for the layout (see lib/build/pipeline.ts).
 */

type RouteProps = { params: Promise<Params> };

/**
 * The value each dynamic segment takes when a kind has no output yet: `output: 'export'` refuses a dynamic route
 * with no params, so Next exports one page that says "not found" (a content id starts with a date, so no real page
 * has it); `outpost build` replaces Next's export with the renderer's, which has no such page.
 */
export const placeholder = 'none';

/** generateStaticParams for a kind's route. */
export function staticParams(kind: OutputKind) {
  return (): Params[] => {
    const params = kind.params(siteData());
    if (params.length > 0) return params;
    return [Object.fromEntries([...kind.route.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, placeholder]))];
  };
}

/** The output of `kind` for `params`, or null when the site has none (the placeholder). */
function outputOf(kind: OutputKind, params: Params) {
  const data = siteData();
  const same = (p: Params) => Object.keys(p).every((key) => p[key] === params[key]);
  return kind.params(data).some(same) ? kind.render(kind.input(data, params), process.cwd()) : null;
}

/** generateMetadata for a page kind. */
export function pageMetadata(kind: OutputKind) {
  return async ({ params }: RouteProps): Promise<Metadata> => {
    const page = outputOf(kind, await params) as PageOutput | null;
    return page ? nextMetadata(siteData().content.site, page.head) : { title: words(siteData().content.site.language).t('notFound.title'), robots: { index: false } };
  };
}

/** The default export of a page kind's page.tsx. */
export function pageComponent(kind: OutputKind) {
  return async function Page({ params }: RouteProps) {
    const page = outputOf(kind, await params) as PageOutput | null;
    return page ? page.main : createElement(NotFoundPage, { w: words(siteData().content.site.language) });
  };
}

const contentTypes: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/rss+xml; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  csv: 'text/csv; charset=utf-8',
};

/** The GET of a file kind's route.ts: the same bytes the renderer writes. */
export function fileRoute(kind: OutputKind) {
  return async (_request: Request, context?: RouteProps): Promise<Response> => {
    const body = outputOf(kind, (await context?.params) ?? {}) as string | Promise<Buffer> | null;
    if (body === null) return new Response('Not found', { status: 404 });
    const type = contentTypes[kind.route.split('.').at(-1)!]!;
    return new Response(typeof body === 'string' ? body : new Uint8Array(await body), { headers: { 'Content-Type': type } });
  };
}

export { outputs };
