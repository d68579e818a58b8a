import fs from 'node:fs';
import path from 'node:path';
import type { Impact, Site } from '../content';
import { formatUtc, impactWords, incidentStatusWords, plural, type IncidentAt, type Indicator } from '../status';
import type { SiteData } from '../site-data';

/** Social images are 1200×630, the size Open Graph and Twitter's large card expect. */
export const imageSize = { width: 1200, height: 630 };

const colors: Record<Indicator, string> = {
  none: '#1f7a3a',
  minor: '#9a6700',
  major: '#c2410c',
  critical: '#b91c1c',
  maintenance: '#1d4ed8',
};

const subsets = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'];

let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | null = null;

/**
 * Inter from @fontsource/inter, every subset it ships, as WOFF (Satori reads TTF, OTF and WOFF, not WOFF2).
 * Read from the project's node_modules: `next build` runs in the project, `outpost build` passes its path.
 */
function interFonts(project: string) {
  const dir = path.join(project, 'node_modules', '@fontsource', 'inter', 'files');
  fonts ??= subsets.flatMap((subset) =>
    ([400, 700] as const).map((weight) => ({ name: 'Inter', data: fs.readFileSync(path.join(dir, `inter-${subset}-${weight}-normal.woff`)), weight, style: 'normal' as const })),
  );
  return fonts;
}

/**
 * Keeps only characters the shipped fonts draw. The renderer fetches a font from the internet for any
 * other character (emoji, CJK…), and an image must never make a network request.
 */
export function drawableText(text: string): string {
  return text
    .replace(/[^\u0020-\u007e\u00a0-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2116\u2122]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `max` characters, cut at a word with an ellipsis: a card has room for about three lines. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** What a card shows: the same card (and renderer) always gives the same PNG. */
export type CardText = { site: string; color: string; kicker: string; title: string; lines: string[] };

function Card({ site, color, kicker, title, lines }: CardText) {
  return (
    <div style={{ display: 'flex', width: '100%', height: '100%', background: '#ffffff', fontFamily: 'Inter' }}>
      <div style={{ display: 'flex', width: 28, height: '100%', background: color }} />
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: '64px 72px', flex: 1 }}>
        <div style={{ display: 'flex', fontSize: 40, fontWeight: 700, color: '#111827' }}>{drawableText(site)}</div>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <div style={{ display: 'flex', fontSize: 32, fontWeight: 700, color }}>{drawableText(kicker)}</div>
          <div style={{ display: 'flex', fontSize: 68, fontWeight: 700, color: '#111827', lineHeight: 1.15, marginTop: 16 }}>{clip(drawableText(title), 90)}</div>
        </div>
        <div style={{ display: 'flex', fontSize: 30, color: '#374151' }}>{drawableText(lines.join('  ·  '))}</div>
      </div>
    </div>
  );
}

/** What the home page's image shows: the site's name and its overall status as of `now`. */
export function homeCard({ content, status, now }: SiteData): CardText {
  const counts = [
    status.openIncidents.length > 0 ? plural(status.openIncidents.length, 'open incident') : 'No open incidents',
    status.activeMaintenance.length > 0 ? 'Maintenance in progress' : null,
    `As of ${formatUtc(now.toISOString())}`,
  ];
  return { site: content.site.name, color: colors[status.indicator], kicker: 'Current status', title: status.description, lines: counts.filter((l) => l !== null) };
}

const impactIndicator: Record<Impact, Indicator> = { none: 'none', minor: 'minor', major: 'major', critical: 'critical' };

/** What one incident's image shows: its title, impact and latest published status. */
export function incidentCard(site: Pick<Site, 'name'>, { incident, updates }: Pick<IncidentAt, 'incident' | 'updates'>): CardText {
  return {
    site: site.name,
    color: colors[impactIndicator[incident.impact]],
    kicker: `Incident: ${incidentStatusWords[updates.at(-1)!.status]}`,
    title: incident.title,
    lines: [impactWords[incident.impact], `Began ${formatUtc(incident.began)}`],
  };
}

/** A card as a 1200×630 PNG. */
export async function cardImage(card: CardText, project = process.cwd()): Promise<Buffer> {
  // Loaded when an image is made: next/og, and the fetch machinery it loads, took 0.09 s of the start of every
  // publish, most of which make no image.
  const { ImageResponse } = await import('next/og');
  return Buffer.from(await new ImageResponse(<Card {...card} />, { ...imageSize, fonts: interFonts(project) }).arrayBuffer());
}
