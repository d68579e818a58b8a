import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { publishMetadata, titleTemplate } from '@/lib/publish/metadata';
import { siteData } from '@/lib/site-data';
import { IconSprite } from './_components/icons';
import './outpost.css';

export function generateMetadata(): Metadata {
  const { site } = siteData().content;
  return {
    title: titleTemplate(site),
    description: site.description,
    metadataBase: new URL(site.url),
    ...publishMetadata(site),
  };
}

export const viewport: Viewport = { colorScheme: 'light dark' };

/** Every page: skip link, header with the site's name and links, main, footer; one small script. */
export default function RootLayout({ children }: { children: ReactNode }) {
  const { site } = siteData().content;
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
