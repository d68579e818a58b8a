import type { ReactNode } from 'react';
import type { Site } from '@/lib/content';
import { words } from '@/lib/i18n';
import { IconSprite } from './components/icons';

/** The colour schemes every page supports (Next's `viewport.colorScheme`; lib/render/head.ts writes the same tag). */
export const colorScheme = 'light dark';

/** Every page: skip link, header with the site's name and links, main, footer; one small script. */
export function Document({ site, children }: { site: Pick<Site, 'name' | 'homepage' | 'language'>; children: ReactNode }) {
  const w = words(site.language);
  return (
    <html lang={w.lang} dir={w.dir === 'rtl' ? 'rtl' : undefined}>
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
