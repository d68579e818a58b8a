import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { titleTemplate } from '@/lib/publish/metadata';
import { nextMetadata } from '@/lib/render/head';
import { colorScheme, Document } from '@/lib/render/layout';
import { siteFile } from '@/lib/content/site-file';
import './outpost.css';

/** The head every page starts from; each page of the renderer sets all of it (lib/render/head.ts), the 404 page its title. */
export function generateMetadata(): Metadata {
  const site = siteFile();
  return { ...nextMetadata(site, { social: {} }), title: titleTemplate(site), metadataBase: new URL(site.url) };
}

export const viewport: Viewport = { colorScheme };

export default function RootLayout({ children }: { children: ReactNode }) {
  return <Document site={siteFile()}>{children}</Document>;
}
