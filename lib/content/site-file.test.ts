import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, fixtureContent } from '@/lib/publish/fixtures/fixture';
import { loadContent } from './load';
import { siteFile } from './site-file';

const saved = process.env.OUTPOST_CONTENT_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.OUTPOST_CONTENT_DIR;
  else process.env.OUTPOST_CONTENT_DIR = saved;
});

describe('siteFile', () => {
  it('is the site the whole content check gives, read from site.yaml alone', () => {
    process.env.OUTPOST_CONTENT_DIR = fixtureContent;
    expect(siteFile()).toEqual(loadContent(fixtureContent, { now: new Date('2026-06-10T12:00:00Z') }).site);
  });

  it('reads the folder OUTPOST_CONTENT_DIR names, and refuses a site.yaml that is not valid', () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, 'site.yaml'), fs.readFileSync(path.join(dir, 'site.yaml'), 'utf8').replace('name: Fixture Status', 'name: Another Status'));
    process.env.OUTPOST_CONTENT_DIR = dir;
    expect(siteFile().name).toBe('Another Status');
    const broken = copyFixture();
    fs.writeFileSync(path.join(broken, 'site.yaml'), 'name: [not, a, name]\n');
    process.env.OUTPOST_CONTENT_DIR = broken;
    expect(() => siteFile()).toThrow(/site\.yaml is not valid/);
  });
});
