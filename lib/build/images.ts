import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Content } from '../content';
import { forgetFiles, keepFile } from '../kept-files';
import { cardImage, incidentCard, type CardText } from '../publish/social-image';

export type ImagesResult = { rendered: number; reused: number };

/**
 * Writes the social image (`incidents/<id>/og.png`) of every incident but the first, whose image Next rendered,
 * with the function Next's route calls. An image costs about 15 ms of CPU (3 ms of layout, the rest rasterising
 * and PNG), 15 s at 1,000 incidents, so each is kept in `cacheDir` under a hash of what it shows and of the
 * renderer, and made again only when one of them changes: a new update, a retitled incident, a renamed site,
 * an upgrade. A cache that cannot be written only makes the next build slower. Runs in `outpost build-images`,
 * after Next has exited and beside the page stamping.
 */
export async function renderIncidentImages(outDir: string, content: Content, now: Date, project: string, cacheDir: string): Promise<ImagesResult> {
  const version = rendererVersion(project);
  const ids = content.incidents.slice(1).map((i) => i.id);
  let rendered = 0;
  // Two per core: cards are laid out on this thread while others are rasterised on libuv's (sharp). Measured
  // on 2 cores, 1,000 cards: 14.3 s one at a time, 10.3 s two at a time, 9.0 s four at a time (16 s of CPU each way).
  const limit = pLimit(2 * os.availableParallelism());
  await Promise.all(
    ids.map((id) =>
      limit(async () => {
        const card = incidentCard({ content, now }, id)!;
        const cached = path.join(cacheDir, `${cardKey(card, version)}.png`);
        let png = wholePng(cached);
        if (png) touch(cached);
        else {
          png = Buffer.from(await cardImage(card, project).arrayBuffer());
          keepFile(cached, png);
          rendered += 1;
        }
        const file = path.join(outDir, 'incidents', id, 'og.png');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, png);
      }),
    ),
  );
  // Images no build used for a month (an incident's look before its last update), and a killed build's temp files.
  forgetFiles(cacheDir, (name, unused) => unused || name.endsWith('.tmp'));
  return { rendered, reused: ids.length - rendered };
}

function cardKey(card: CardText, version: string): string {
  return crypto.createHash('sha256').update(version).update(JSON.stringify(card)).digest('hex').slice(0, 32);
}

/** What else decides an image's pixels: the card's code, and the versions of Next (its og renderer), sharp and the font. */
function rendererVersion(project: string): string {
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(path.join(project, 'lib', 'publish', 'social-image.tsx')));
  for (const pkg of ['next', 'sharp', '@fontsource/inter']) {
    const file = path.join(project, 'node_modules', pkg, 'package.json');
    hash.update(`${pkg}@${fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : 'none'}\n`);
  }
  return hash.digest('hex');
}

/** The eight bytes every PNG starts with. */
export const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngEnd = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** The bytes of `file` when it is a PNG from its signature to its IEND chunk, else null (no entry, or one cut short). */
function wholePng(file: string): Buffer | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  return bytes.length > 20 && bytes.subarray(0, 8).equals(pngSignature) && bytes.subarray(-12).equals(pngEnd) ? bytes : null;
}

/** Marks an entry as used now (its modification time). */
function touch(file: string): void {
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    // Read-only: the entry may be forgotten sooner.
  }
}
