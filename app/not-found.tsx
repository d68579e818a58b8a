import { words } from '@/lib/i18n';
import { NotFoundPage } from '@/lib/render/pages/not-found';
import { siteFile } from '@/lib/content/site-file';

const w = words(siteFile().language);

export const metadata = { title: w.t('notFound.title') };

/** Next's 404 page: the renderer's, in the site's language. */
export default function NotFound() {
  return <NotFoundPage w={w} />;
}
