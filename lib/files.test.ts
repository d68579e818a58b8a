import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asciiJson, linkWhole, readText } from './files';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => path.join(dir, name);

describe('linkWhole', () => {
  it('puts a hard link to the source at a new file', () => {
    fs.writeFileSync(at('source'), 'bytes');
    expect(linkWhole(at('source'), at('file'))).toBe(true);
    expect(fs.statSync(at('file')).ino).toBe(fs.statSync(at('source')).ino);
    expect(fs.readdirSync(dir).sort()).toEqual(['file', 'source']);
  });

  it('replaces a file whole: another link to the old file keeps the old bytes', () => {
    fs.writeFileSync(at('source'), 'new');
    fs.writeFileSync(at('file'), 'old');
    fs.linkSync(at('file'), at('copy'));
    expect(linkWhole(at('source'), at('file'))).toBe(true);
    expect([fs.readFileSync(at('file'), 'utf8'), fs.readFileSync(at('copy'), 'utf8')]).toEqual(['new', 'old']);
  });

  it('returns false and leaves the file as it was when there is no source', () => {
    fs.writeFileSync(at('file'), 'old');
    expect(linkWhole(at('missing'), at('file'))).toBe(false);
    expect(fs.readFileSync(at('file'), 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });

  it('throws when the file cannot be replaced, leaving no temp file behind', () => {
    fs.writeFileSync(at('source'), 'bytes');
    fs.mkdirSync(at('folder'));
    fs.writeFileSync(at('folder/inside'), 'x');
    expect(() => linkWhole(at('source'), at('folder'))).toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['folder', 'source']);
  });
});

describe('asciiJson and readText', () => {
  it('write ASCII only and read back the same value, in any script', () => {
    const value = { title: 'Störung – 障害 ✓ 🚨', quote: '"\\', n: 1 };
    const file = at('a.json');
    fs.writeFileSync(file, asciiJson(value));
    expect(fs.readFileSync(file).every((byte) => byte < 0x80)).toBe(true);
    expect(JSON.parse(readText(file))).toEqual(value);
  });

  it('reads a file that is not ASCII as UTF-8', () => {
    const file = at('b.json');
    fs.writeFileSync(file, JSON.stringify({ title: 'Störung 🚨' }));
    expect(JSON.parse(readText(file))).toEqual({ title: 'Störung 🚨' });
  });
});
