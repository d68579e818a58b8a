import { describe, expect, it } from 'vitest';
import { decodeUtf8, forbiddenCharacterProblems, positionIn } from './text';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const where = (decoded: ReturnType<typeof decodeUtf8>) => ('problem' in decoded ? `${decoded.problem.line}:${decoded.problem.col} ${decoded.problem.message}` : decoded.text);

describe('decodeUtf8', () => {
  it.each([
    ['a Latin-1 é', bytes('title: Caf', [0xe9], '\n'), '1:11 expected UTF-8 text, got the byte 0xE9 (save the file as UTF-8)'],
    ['an overlong slash', bytes('a\nb ', [0xc0, 0xaf]), '2:3 expected UTF-8 text, got the byte 0xC0 (save the file as UTF-8)'],
    ['an encoded surrogate', bytes('東京 ', [0xed, 0xa0, 0x80]), '1:4 expected UTF-8 text, got the byte 0xED (save the file as UTF-8)'],
    ['a character cut at the end', bytes('ok ', [0xe2, 0x80]), '1:4 expected UTF-8 text, got the byte 0xE2 (save the file as UTF-8)'],
    ['a code point above U+10FFFF', bytes([0xf4, 0x90, 0x80, 0x80]), '1:1 expected UTF-8 text, got the byte 0xF4 (save the file as UTF-8)'],
    ['a stray continuation byte after an emoji', bytes('🔥', [0x80]), '1:3 expected UTF-8 text, got the byte 0x80 (save the file as UTF-8)'],
  ])('refuses %s at its place', (_name, input, expected) => {
    expect(where(decodeUtf8('f.md', input))).toBe(expected);
  });

  it('reads any valid UTF-8, a byte order mark included', () => {
    expect(where(decodeUtf8('f.md', bytes([0xef, 0xbb, 0xbf], 'Zürich 東京 🔥 عربي')))).toBe('\uFEFFZürich 東京 🔥 عربي');
  });
});

describe('forbiddenCharacterProblems', () => {
  it.each([
    ['NUL', 'a\u0000', 'U+0000'],
    ['BEL', 'a\u0007', 'U+0007'],
    ['ESC', 'a\u001b[31m', 'U+001B'],
    ['form feed', 'a\f', 'U+000C'],
    ['DEL', 'a\u007f', 'U+007F'],
    ['a C1 control', 'a\u0085', 'U+0085'],
    ['U+FFFE', 'a\uFFFE', 'U+FFFE'],
    ['a lone high surrogate', 'a\uD800b', 'U+D800'],
    ['a lone low surrogate', 'a\uDC00', 'U+DC00'],
  ])('refuses %s', (_name, text, code) => {
    expect(forbiddenCharacterProblems('f.md', `x\n${text}`)).toEqual([
      { file: 'f.md', line: 2, col: 2, field: '', message: `expected text without control characters, got ${code} (invisible in most editors: delete it and type the text again)` },
    ]);
  });

  it('accepts tab, CRLF, a lone CR, emoji, scripts and a byte order mark', () => {
    expect(forbiddenCharacterProblems('f.md', '\uFEFFa\tb\r\nc\rd 🔥 東京 عربي \u200b\u202e')).toEqual([]);
  });

  it('reports the first and counts the others', () => {
    expect(forbiddenCharacterProblems('f.md', 'a\u0007\nb\u0007\u0001')[0]!.message).toContain('got U+0007 (2 more in this file;');
  });
});

describe('positionIn', () => {
  it('counts lines and UTF-16 columns', () => {
    expect(positionIn('ab\n🔥x', 5)).toEqual({ line: 2, col: 3 });
  });
});
