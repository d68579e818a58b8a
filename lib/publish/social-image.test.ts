import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './fixtures/fixture';
import { describe, expect, it } from 'vitest';
import { pngSize } from './fixtures/png';
import { drawableText, imageSize } from './social-image';

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
});
