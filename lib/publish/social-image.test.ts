import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngSize } from './fixtures/png';
import { fixtureData, fixtureDataIn, tempDir } from './fixtures/fixture';
import { cardImage, drawableText, homeCard, imageSize, incidentCard, rightToLeftPieces, sfntOf } from './social-image';
import { incidentAt } from '../status';

/** Renders the fixture's images in a child process whose network is switched off. */
type Rendered = { attempts: string[]; files: string[]; errors: string[] };

function renderOffline(flags: string[] = []): Rendered {
  const dir = tempDir('og-');
  const script = path.join(__dirname, 'fixtures', 'render-images.tsx');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, dir, ...flags], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Rendered;
}

describe('social images', () => {
  it('renders the home image and one per incident as 1200×630 PNGs, with no network connection', () => {
    const { attempts, files, errors } = renderOffline();
    expect(errors).toEqual([]);
    expect(files.map((f) => path.basename(f))).toEqual(['home.png', '2026-06-10-api-errors.png', '2026-06-05-login-errors.png', '2026-06-01-db-outage.png']);
    for (const file of files) expect(pngSize(file)).toEqual(imageSize);
    // The login incident's title has an emoji and CJK: filtered out, so nothing is fetched.
    expect(attempts).toEqual([]);
  });

  it('would catch the renderer reaching for the network (emoji without the filter)', () => {
    const { attempts } = renderOffline(['--raw-emoji']);
    expect(attempts.length).toBeGreaterThan(0);
  });

  it.each([
    ['Login 🔥 errors in 東京 and Zürich', 'Login errors in and Zürich'],
    ['Ошибки входа — «API»', 'Ошибки входа — «API»'],
    ['Lỗi đăng nhập', 'Lỗi đăng nhập'],
  ])('draws %s as %s', (input, drawn) => {
    expect(drawableText(input)).toBe(drawn);
  });

  it('makes cards in the site\'s language, with an English twin where the language needs a font beyond Inter', () => {
    const de = homeCard(fixtureDataIn('de'));
    expect(de).toMatchObject({ kicker: 'Aktueller Status', title: 'Schwerer Systemausfall', dir: 'ltr' });
    expect(de.english).toBeUndefined();
    expect(homeCard(fixtureData())).toEqual({ ...homeCard(fixtureData()), kicker: 'Current status', dir: 'ltr' });
    const data = fixtureDataIn('ar');
    const ar = incidentCard(data.content.site, incidentAt(data.content.incidents[0]!, data.now));
    expect(ar).toMatchObject({ kicker: 'حادثة: تم تحديد السبب', title: 'API errors', dir: 'rtl', english: { kicker: 'Incident: Identified', dir: 'ltr' } });
  });

  it.each([
    ['انقطاع كبير في النظام', ['انقطاع', 'كبير', 'في', 'النظام']],
    ['حادثة: تم تحديد السبب', ['حادثة', ':', 'تم', 'تحديد', 'السبب']],
    ['صيانة: Network work now', ['صيانة', ':', 'Network work now']],
    ['بدأت 10 يونيو 2026، 10:00 UTC', ['بدأت', '10', 'يونيو', '2026', '،', '10:00 UTC']],
  ])('reads %s right to left in pieces %j', (text, pieces) => {
    expect(rightToLeftPieces(text).map((p) => p.text)).toEqual(pieces);
    expect(rightToLeftPieces(text).filter((p) => p.attached).map((p) => p.text)).toEqual(pieces.filter((p) => /^[:،]$/.test(p)));
  });

  it.each(['ar', 'ja'] as const)('%s: draws the images in the language with its font package, offline, as 1200×630 PNGs; in English where the font is missing', (lang) => {
    const inLanguage = renderOffline(['--lang', lang]);
    // A project with Inter alone: the language's own font is not installed there.
    const project = tempDir('og-project-');
    fs.mkdirSync(path.join(project, 'node_modules', '@fontsource'), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(process.cwd(), 'node_modules', '@fontsource', 'inter')), path.join(project, 'node_modules', '@fontsource', 'inter'));
    const english = renderOffline(['--lang', lang, '--project', project]);
    for (const run of [inLanguage, english]) {
      expect([run.errors, run.attempts]).toEqual([[], []]);
      expect(run.files).toHaveLength(4);
      for (const file of run.files) expect(pngSize(file)).toEqual(imageSize);
    }
    expect(fs.readFileSync(inLanguage.files[0]!).equals(fs.readFileSync(english.files[0]!))).toBe(false);
  });

  it('draws Cyrillic and Greek with Inter\'s own subsets, asking the network for nothing', async () => {
    const attempts: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith('data:')) return realFetch(input, init);
      attempts.push(url);
      throw new Error('network is off in this test');
    }) as typeof fetch;
    try {
      const png = await cardImage({ site: 'Тест', color: '#000000', kicker: 'Ошибки входа', title: 'Ошибки входа — «API»', lines: ['Ελληνικά'], dir: 'ltr' });
      const file = path.join(tempDir('og-'), 'cyrillic.png');
      fs.writeFileSync(file, png);
      expect(pngSize(file)).toEqual(imageSize);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(attempts).toEqual([]);
  });

  it('reads each WOFF font as the TrueType font it holds: every table whole (its checksum as recorded), the same image', async () => {
    const woffFile = (subset: string, weight: number) => path.join(process.cwd(), 'node_modules', '@fontsource', 'inter', 'files', `inter-${subset}-${weight}-normal.woff`);
    const woff = fs.readFileSync(woffFile('latin', 400));
    const font = sfntOf(woff);
    const count = font.readUInt16BE(4);
    expect(count).toBe(woff.readUInt16BE(12));
    expect(font.length).toBe(woff.readUInt32BE(16)); // totalSfntSize: what the WOFF says the font it holds weighs
    for (let i = 0; i < count; i++) {
      const tag = font.toString('latin1', 12 + 16 * i, 16 + 16 * i);
      const [checksum, offset, length] = [font.readUInt32BE(16 + 16 * i), font.readUInt32BE(20 + 16 * i), font.readUInt32BE(24 + 16 * i)];
      // OpenType's table checksum: the table's 32-bit words summed (head's with its checkSumAdjustment taken as 0).
      const table = Buffer.concat([font.subarray(offset, offset + length), Buffer.alloc(3)]);
      if (tag === 'head') table.writeUInt32BE(0, 8);
      let sum = 0;
      for (let at = 0; at + 4 <= ((length + 3) & ~3); at += 4) sum = (sum + table.readUInt32BE(at)) >>> 0;
      expect([tag, sum]).toEqual([tag, checksum]);
    }
    expect(sfntOf(font)).toBe(font);

    // Satori, given the WOFF files themselves, draws the same pixels.
    const { ImageResponse } = await import('next/og.js');
    const card = { site: 'Outpost', color: '#b91c1c', kicker: 'Current status', title: 'Major System Outage — Łódź', lines: ['1 open incident'], dir: 'ltr' as const };
    const fonts = (['latin', 'latin-ext'] as const).flatMap((subset) =>
      ([400, 700] as const).map((weight) => ({ name: subset === 'latin' ? 'Inter' : `Inter ${subset}`, data: fs.readFileSync(woffFile(subset, weight)), weight, style: 'normal' as const })),
    );
    const { createElement } = await import('react');
    const element = createElement('div', { style: { display: 'flex', width: '100%', height: '100%', background: '#fff', fontFamily: 'Inter', fontSize: 60 } }, `${card.title} ${card.lines[0]}`);
    const fromWoff = Buffer.from(await new ImageResponse(element, { ...imageSize, fonts }).arrayBuffer());
    const fromFont = Buffer.from(await new ImageResponse(element, { ...imageSize, fonts: fonts.map((f) => ({ ...f, data: sfntOf(f.data) })) }).arrayBuffer());
    expect(fromFont.equals(fromWoff)).toBe(true);
  });
});
