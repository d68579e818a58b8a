import type { Words } from '@/lib/i18n';
import { Say } from '../components/say';

/** The 404 page: what happened and where to go. `outpost serve` and static hosts send it with status 404. */
export function NotFoundPage({ w }: { w: Words }) {
  return (
    <>
      <h1>{w.t('notFound.title')}</h1>
      <p className="lede">{w.t('notFound.lede')}</p>
      <ul>
        <li>
          <Say w={w} k="notFound.status" vars={{ link: <a href="/">{w.t('notFound.statusLink')}</a> }} />
        </li>
        <li>
          <Say w={w} k="notFound.history" vars={{ link: <a href="/history">{w.t('layout.history')}</a> }} />
        </li>
      </ul>
    </>
  );
}
