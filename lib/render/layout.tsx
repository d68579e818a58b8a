import type { ReactNode } from 'react';
import type { Site } from '@/lib/content';
import { IconSprite } from './components/icons';

/** The colour schemes every page supports (Next's `viewport.colorScheme`; lib/render/head.ts writes the same tag). */
export const colorScheme = 'light dark';

/** Every page: skip link, header with the site's name and links, main, footer; one small script. */
export function Document({ site, children }: { site: Pick<Site, 'name' | 'homepage'>; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <script src="/outpost.js" defer />
      </head>
      <body>
        <IconSprite />
        <a className="skip" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="wrap">
            <a className="brand" href="/">
              {site.name}
            </a>
            <nav aria-label="Site">
              <ul>
                <li>
                  <a href="/">Status</a>
                </li>
                <li>
                  <a href="/history">History</a>
                </li>
                <li>
                  <a href="/subscribe">Subscribe</a>
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
            <p>Times are in UTC, or in your own time zone when JavaScript runs. Powered by Outpost.</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
