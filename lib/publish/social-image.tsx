import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { CSSProperties } from 'react';
import type { Impact, Site } from '../content';
import { words, type Words } from '../i18n';
import { describeStatus, type IncidentAt, type Indicator } from '../status';
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

/** Inter's subsets in the order the renderer looks for a glyph in them: Latin (named `Inter`) first. */
const subsets = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'];

type Font = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' };

/** What Inter draws: Latin, Greek, Cyrillic and their punctuation. */
const interDraws = /[\u0020-\u007e\u00a0-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2116\u2122]/u;

/**
 * Fonts for the scripts Inter does not draw (Arabic, Japanese), each from an @fontsource package used when it is
 * installed (docs/feeds.md). Not Noto Sans Arabic: its contextual substitutions (GSUB lookup 5.3) make the renderer
 * throw; IBM Plex Sans Arabic's do not.
 */
const extraFamilies = [
  { name: 'IBM Plex Sans Arabic', pkg: 'ibm-plex-sans-arabic' },
  { name: 'Noto Sans JP', pkg: 'noto-sans-jp' },
];

type Subset = { family: string; file: (weight: 400 | 700) => string; ranges: [number, number][] };

const installed = new Map<string, Subset[]>();

/**
 * The subsets of an @fontsource package in `project` (none when it is not installed), with the code points each
 * draws: a package splits its font into subsets by Unicode range (its unicode.json). `pick` chooses among their names,
 * in the order the renderer looks in them; `family` names each one. Read once per project and package.
 */
function installedSubsets(project: string, pkg: string, pick: (names: string[]) => string[], family: (subset: string) => string): Subset[] {
  const key = `${project}\0${pkg}`;
  let found = installed.get(key);
  if (found) return found;
  const dir = path.join(project, 'node_modules', '@fontsource', pkg);
  const table = fs.existsSync(path.join(dir, 'unicode.json')) ? (JSON.parse(fs.readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>) : {};
  found = pick(Object.keys(table)).map((subset) => ({
    family: family(subset),
    file: (weight: 400 | 700) => path.join(dir, 'files', `${pkg}-${subset.replace(/^\[(\d+)\]$/, '$1')}-${weight}-normal.woff`),
    ranges: table[subset]!.split(',').map((range) => {
      const [from, to] = range.trim().replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
      return [from!, to ?? from!] as [number, number];
    }),
  }));
  installed.set(key, found);
  return found;
}

/**
 * Inter from @fontsource/inter, its subsets in `subsets`' order (each a name of its own: Satori uses one font per name
 * and weight, and looks for a glyph it lacks in the fonts of every other name). Read from the project's node_modules:
 * `next build` runs in the project, `outpost build` passes its path.
 */
function interSubsets(project: string): Subset[] {
  return installedSubsets(project, 'inter', (names) => subsets.filter((s) => names.includes(s)), (subset) => (subset === 'latin' ? 'Inter' : `Inter ${subset}`));
}

/** The subsets of the extra fonts installed in `project`, those Inter draws left out. */
function extraSubsets(project: string): Subset[] {
  return extraFamilies.flatMap(({ name, pkg }) => installedSubsets(project, pkg, (names) => names.filter((s) => !subsets.includes(s)), (subset) => `${name} ${subset}`));
}

const covers = (subset: Subset, code: number) => subset.ranges.some(([from, to]) => code >= from && code <= to);

const loaded = new Map<string, Buffer>();

/**
 * The fonts a card of `text` needs: Inter's Latin always, its other subsets and the extra ones that draw some character
 * of it. Each is read once per process, as the TrueType font its WOFF file holds (sfntOf). Satori would inflate WOFF
 * tables itself, in JavaScript, and parse every font it is given: with Inter's fourteen files that was 0.1–0.2 s of
 * the first image a publish made; fonts that draw none of the text change no pixel.
 */
function fontsFor(text: string, inter: Subset[], extra: Subset[]): Font[] {
  const codes = [...new Set(text)].map((ch) => ch.codePointAt(0)!);
  const foreign = codes.filter((code) => !interDraws.test(String.fromCodePoint(code)));
  const needed = [
    ...inter.filter((subset, i) => i === 0 || codes.some((code) => covers(subset, code))),
    ...extra.filter((subset) => foreign.some((code) => covers(subset, code))),
  ];
  return needed.flatMap((subset) =>
    ([400, 700] as const).map((weight) => {
      const file = subset.file(weight);
      let data = loaded.get(file);
      if (!data) loaded.set(file, (data = sfntOf(fs.readFileSync(file))));
      return { name: subset.family, data, weight, style: 'normal' as const };
    }),
  );
}

/**
 * The TrueType or OpenType font a WOFF 1.0 file wraps (https://www.w3.org/TR/WOFF/), its tables inflated by Node's
 * zlib: the same tables, so the same glyphs. Anything else is returned as it is.
 */
export function sfntOf(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const [offset, length, size] = [woff.readUInt32BE(at + 4), woff.readUInt32BE(at + 8), woff.readUInt32BE(at + 12)];
    const stored = woff.subarray(offset, offset + length);
    const data = length < size ? zlib.inflateSync(stored) : stored;
    if (data.length !== size) throw new Error(`not a valid WOFF font: table ${i} is ${data.length} bytes, not ${size}`);
    return { record: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data };
  });
  // The offset table, a 16-byte record per table (in the WOFF directory's order: by tag), then each table on 4 bytes.
  const log2 = Math.floor(Math.log2(count));
  const head = Buffer.alloc(12 + 16 * count);
  head.writeUInt32BE(woff.readUInt32BE(4), 0);
  head.writeUInt16BE(count, 4);
  head.writeUInt16BE(16 * 2 ** log2, 6);
  head.writeUInt16BE(log2, 8);
  head.writeUInt16BE(16 * count - 16 * 2 ** log2, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach(({ record, checksum, data }, i) => {
    const at = 12 + 16 * i;
    record.copy(head, at);
    head.writeUInt32BE(checksum, at + 4);
    head.writeUInt32BE(offset, at + 8);
    head.writeUInt32BE(data.length, at + 12);
    const padded = (data.length + 3) & ~3;
    parts.push(data, Buffer.alloc(padded - data.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}

/**
 * Keeps only characters the shipped fonts draw: Inter's, and those of the `extra` font subsets installed. The
 * renderer fetches a font from the internet for any other character (emoji, CJK without its font…), and an image
 * must never make a network request.
 */
export function drawableText(text: string, extra: Subset[] = []): string {
  return [...text]
    // Format characters (joiners, direction marks) have no glyph in any font: the renderer would fetch one for them.
    .filter((ch) => !/\p{Cf}/u.test(ch) && (interDraws.test(ch) || extra.some((subset) => covers(subset, ch.codePointAt(0)!))))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Arabic and Hebrew letters. */
const rightToLeftLetter = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/**
 * A line's words in the order they are read, right to left: each right-to-left word alone, its closing punctuation
 * a piece of its own set against it, and each run of left-to-right words ("Network work", "12:00 UTC") as one piece
 * in its own order.
 */
export function rightToLeftPieces(text: string): { text: string; attached: boolean }[] {
  const pieces: { text: string; attached: boolean }[] = [];
  let latinRun = false;
  for (const word of text.split(' ').filter(Boolean)) {
    const latin = !rightToLeftLetter.test(word) && /[A-Za-z0-9]/.test(word);
    if (latin && latinRun) pieces[pieces.length - 1]!.text += ` ${word}`;
    else if (latin) pieces.push({ text: word, attached: false });
    else {
      // The renderer would draw the punctuation after an Arabic word on its right, where the word begins.
      const [, core, marks] = /^(.*?)([:.,;!?\u060c\u061b]*)$/u.exec(word)!;
      if (core) pieces.push({ text: core, attached: false });
      if (marks) pieces.push({ text: marks, attached: !!core });
    }
    latinRun = latin;
  }
  return pieces;
}

/**
 * Text in a box, set right to left when `rtl`. The renderer joins the letters of an Arabic word and draws them
 * right to left, but lays a line out left to right only: right to left, each piece is a box of its own, placed from
 * the right edge. It measures an Arabic word before joining its letters, so the space after a word comes out wider
 * than it should, and unevenly.
 */
function Text({ text, rtl, style }: { text: string; rtl: boolean; style: CSSProperties }) {
  if (!rtl) return <div style={{ display: 'flex', ...style }}>{text}</div>;
  const pieces = rightToLeftPieces(text);
  return (
    <div style={{ display: 'flex', flexDirection: 'row-reverse', flexWrap: 'wrap', ...style }}>
      {pieces.map((piece, i) => (
        <div key={i} style={{ display: 'flex', marginRight: i > 0 && !piece.attached ? '0.3em' : 0 }}>
          {piece.text}
        </div>
      ))}
    </div>
  );
}

/** At most `max` characters, cut at a word with an ellipsis: a card has room for about three lines. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** What a card shows: the same card (and renderer) always gives the same PNG. */
export type CardText = {
  site: string;
  color: string;
  kicker: string;
  title: string;
  lines: string[];
  dir: 'ltr' | 'rtl';
  /** The same card in English, for a language whose script Inter does not draw: shown when its font is not installed. */
  english?: CardText;
};

function Card({ card, extra }: { card: CardText; extra: Subset[] }) {
  const { site, color, kicker, title, lines, dir } = card;
  const draw = (text: string) => drawableText(text, extra);
  // Right to left: the colour bar on the right, every line set against the right edge.
  const rtl = dir === 'rtl';
  // Satori reads an undefined style value as a value: right-to-left styles are only added when needed.
  const end = rtl ? ({ alignItems: 'flex-end' } as const) : {};
  return (
    <div style={{ display: 'flex', flexDirection: rtl ? 'row-reverse' : 'row', width: '100%', height: '100%', background: '#ffffff', fontFamily: 'Inter' }}>
      <div style={{ display: 'flex', width: 28, height: '100%', background: color }} />
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: '64px 72px', flex: 1, ...end }}>
        <Text rtl={rtl} text={draw(site)} style={{ fontSize: 40, fontWeight: 700, color: '#111827' }} />
        <div style={{ display: 'flex', flexDirection: 'column', ...end }}>
          <Text rtl={rtl} text={draw(kicker)} style={{ fontSize: 32, fontWeight: 700, color }} />
          <Text rtl={rtl} text={clip(draw(title), 90)} style={{ fontSize: 68, fontWeight: 700, color: '#111827', lineHeight: 1.15, marginTop: 16 }} />
        </div>
        <Text rtl={rtl} text={draw(lines.join('  ·  '))} style={{ fontSize: 30, color: '#374151' }} />
      </div>
    </div>
  );
}

/** The card in the site's language, with its English twin when the language needs a font beyond Inter. */
function inLanguage(site: Pick<Site, 'language'>, card: (w: Words) => CardText): CardText {
  const w = words(site.language);
  const ours = card(w);
  return interDrawsLanguage(w) ? ours : { ...ours, english: card(words('en')) };
}

const drawnByInter = new Map<Words, boolean>();

/** Whether Inter draws the words of `w`'s language (tried on one of them, once per language). */
function interDrawsLanguage(w: Words): boolean {
  if (!drawnByInter.has(w)) drawnByInter.set(w, [...w.t('image.currentStatus')].every((ch) => interDraws.test(ch)));
  return drawnByInter.get(w)!;
}

/** The card to draw: its English twin when our words in its language cannot be drawn with the fonts installed. */
function drawable(card: CardText, extra: Subset[]): CardText {
  return card.english && drawableText(card.kicker, extra) !== card.kicker.replace(/\s+/g, ' ').trim() ? card.english : card;
}

/** What the home page's image shows: the site's name and its overall status as of `now`, in the site's language. */
export function homeCard({ content, status, now }: SiteData): CardText {
  return inLanguage(content.site, (w) => {
    const counts = [
      status.openIncidents.length > 0 ? w.t('image.openIncidents', { count: status.openIncidents.length }) : w.t('image.noOpenIncidents'),
      status.activeMaintenance.length > 0 ? w.t('image.maintenanceInProgress') : null,
      w.t('image.asOf', { time: w.dateTime(now.toISOString()) }),
    ];
    return {
      site: content.site.name,
      color: colors[status.indicator],
      kicker: w.t('image.currentStatus'),
      title: describeStatus(status, w),
      lines: counts.filter((l) => l !== null),
      dir: w.dir,
    };
  });
}

const impactIndicator: Record<Impact, Indicator> = { none: 'none', minor: 'minor', major: 'major', critical: 'critical' };

/** What one incident's image shows: its title, impact and latest published status. */
export function incidentCard(site: Pick<Site, 'name' | 'language'>, { incident, updates }: Pick<IncidentAt, 'incident' | 'updates'>): CardText {
  return inLanguage(site, (w) => ({
    site: site.name,
    color: colors[impactIndicator[incident.impact]],
    kicker: w.t('image.incident', { status: w.t(`incident.${updates.at(-1)!.status}`) }),
    title: incident.title,
    lines: [w.t(`impact.${incident.impact}`), w.t('image.began', { time: w.dateTime(incident.began) })],
    dir: w.dir,
  }));
}

/** Every text a card shows, as one string. */
const textOf = (card: CardText) => [card.site, card.kicker, card.title, ...card.lines].join('');

/** A card as a 1200×630 PNG. */
export async function cardImage(card: CardText, project = process.cwd()): Promise<Buffer> {
  // The extra fonts' subsets only for text Inter does not draw (Noto Sans JP's hundred of them took 13 ms to list; an
  // English twin is always Inter's).
  const extra = [...textOf(card)].every((ch) => interDraws.test(ch)) ? [] : extraSubsets(project);
  const shown = drawable(card, extra);
  const fonts = fontsFor(textOf(shown), interSubsets(project), extra);
  // Loaded when an image is made: next/og, and the fetch machinery it loads, took 0.09 s of the start of every
  // publish, most of which make no image.
  const { ImageResponse } = await import('next/og.js');
  return Buffer.from(await new ImageResponse(<Card card={shown} extra={extra} />, { ...imageSize, fonts }).arrayBuffer());
}
