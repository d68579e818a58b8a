import type { ReactNode } from 'react';
import { siteData } from '@/lib/site-data';

export function generateMetadata() {
  const { content } = siteData();
  return { title: content.site.name, description: content.site.description };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
