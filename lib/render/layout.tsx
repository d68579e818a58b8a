import type { CSSProperties, ReactNode } from 'react';
import type { Site } from '@/lib/content';
import { words, type Words } from '@/lib/i18n';
import { IconSprite } from './components/icons';

/** The colour schemes every page supports (Next's `viewport.colorScheme`; lib/render/head.ts writes the same tag). */
export const colorScheme = 'light dark';

/** Every page: skip link, header with the site's name and links, main, footer; one small script. */
export function Document({ site, children }: { site: Pick<Site, 'name' | 'homepage' | 'language'>; children: ReactNode }) {
  const w = words(site.language);
  return (
    <html lang={w.lang} dir={w.dir === 'rtl' ? 'rtl' : undefined} style={stylesheetWords(w)}>
      <head>
        <script src="/outpost.js" defer />
      </head>
      <body>
        <IconSprite />
        <a className="skip" href="#main">
          {w.t('layout.skip')}
        </a>
        <header className="site-header">
          <div className="wrap">
            <a className="brand" href="/">
              {site.name}
            </a>
            <nav aria-label={w.t('layout.navLabel')}>
              <ul>
                <li>
                  <a href="/">{w.t('layout.status')}</a>
                </li>
                <li>
                  <a href="/history">{w.t('layout.history')}</a>
                </li>
                <li>
                  <a href="/subscribe">{w.t('layout.subscribe')}</a>
                </li>
                {site.homepage && (
                  <li>
                    <a href={site.homepage}>{new URL(site.homepage).host}</a>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>{w.t('layout.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * The words the stylesheet writes itself (the ends of the uptime bars), as the custom properties app/outpost.css
 * reads; it holds the English ones, so an English page sets none.
 */
export function stylesheetWords(w: Words): CSSProperties | undefined {
  if (w.lang === 'en') return undefined;
  const text = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  return {
    '--ub-90': text(w.t('bars.daysAgo', { count: 90 })),
    '--ub-60': text(w.t('bars.daysAgo', { count: 60 })),
    '--ub-30': text(w.t('bars.daysAgo', { count: 30 })),
    '--ub-today': text(w.t('bars.today')),
  } as CSSProperties;
}
