import type { Problem } from './problems';

/*
 * What text content may hold. Outpost refuses what no output can carry (RSS and ICS are XML and text formats
 * that forbid control characters) rather than publish something that breaks a subscriber's reader, and points
 * at the character: most editors do not show it.
 */

/**
 * Characters refused anywhere in a content file: C0 controls but tab, line feed and carriage return; DEL and
 * the C1 controls (U+0080–U+009F, most often text decoded with the wrong encoding); the noncharacters U+FFFE
 * and U+FFFF; and a lone half of a surrogate pair (only a YAML `\uD800` escape can make one).
 */
export const forbiddenCharacters = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text with every forbidden character removed. The writers of XML and calendar files pass what they write
 * through it, so no output is malformed even if such a character gets past validation (content built in code).
 */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(forbiddenCharacters, '');
}

/** Every run of white space, line breaks included, as one space, trimmed: text for a name, a title or one line of a file. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `U+0007`, the way a character that cannot be shown is named in a message. */
export function codePoint(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `expected text without control characters, got U+0007 (…)`: the wording for a forbidden character typed
 * in the file (`more` others after it), or made by a YAML escape such as `"\x07"`.
 */
export function forbiddenMessage(char: string, how: { more: number } | 'escaped'): string {
  const advice =
    how === 'escaped'
      ? 'written as an escape such as "\\x07" or "\\u0007": remove it'
      : `${how.more > 0 ? `${how.more} more in this file; ` : ''}invisible in most editors: delete it and type the text again`;
  return `expected text without control characters, got ${codePoint(char)} (${advice})`;
}

/** A problem at the first forbidden character of a file's text, saying how many more there are; none when it has none. */
export function forbiddenCharacterProblems(file: string, text: string): Problem[] {
  const found = [...text.matchAll(forbiddenCharacters)];
  const first = found[0];
  if (!first) return [];
  return [{ file, ...positionIn(text, first.index), field: '', message: forbiddenMessage(first[0], { more: found.length - 1 }) }];
}

/** A file's bytes as text, or a problem at the first byte that is not UTF-8 (Node would read it as U+FFFD, silently). */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { problem: Problem } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = invalidUtf8At(bytes);
    const before = utf8.decode(bytes.subarray(0, bad));
    const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return { problem: { file, ...positionIn(before, before.length), field: '', message: `expected UTF-8 text, got the byte 0x${byte} (save the file as UTF-8)` } };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or bytes.length. */
function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const [length, low, high] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte's range excludes overlong forms and surrogates; the others are plain continuation bytes.
    for (let j = 1; j < length; j++) {
      const c = bytes[i + j]!;
      if (j === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** 1-based line and column of an offset in a text, columns in UTF-16 units as the `yaml` package counts them. */
export function positionIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}
