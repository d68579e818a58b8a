import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages, langs, words, type Message } from '.';

const dir = path.join(__dirname, 'locales');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const forms = (message: Message) => (typeof message === 'string' ? [message] : Object.values(message));

/** Every locale file has exactly the English keys, each message the same placeholders, and every plural form its language uses. */
describe('locale files', () => {
  const english: Record<string, Message> = languages.en.messages;

  it('has a file for each language and a language for each file', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
    expect(files.sort()).toEqual([...langs].sort());
  });

  for (const lang of langs) {
    const messages: Record<string, Message> = languages[lang].messages;
    const categories = new Intl.PluralRules(languages[lang].intl).resolvedOptions().pluralCategories;

    it(`${lang}: has every key and no other`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    });

    it(`${lang}: each message has the English placeholders, and plural messages every form of the language`, () => {
      for (const [key, message] of Object.entries(messages)) {
        // A plural form may leave the count out where the language says it in words ("two incidents" in one word).
        const names = (text: string, plural: boolean) => [...new Set(placeholders(text))].filter((p) => !plural || p !== 'count');
        const plural = typeof message !== 'string';
        const reference = names(forms(english[key]!).join(' '), plural);
        for (const form of forms(message)) expect([key, names(form, plural)]).toEqual([key, reference]);
        if (typeof message !== 'string') expect([key, Object.keys(message).sort()]).toEqual([key, [...categories].sort()]);
        if (typeof english[key] !== 'string') expect([key, typeof message]).toEqual([key, 'object']);
      }
    });
  }
});

describe('words', () => {
  const en = words('en');

  it('formats English as the pages always have', () => {
    expect(en.dateTime('2026-11-23T10:40:00Z')).toBe('23 Nov 2026, 10:40 UTC');
    expect(en.dateTime('2026-01-05T00:04:59.999Z')).toBe('5 Jan 2026, 00:04 UTC');
    expect(en.dateTime('2026-12-31T23:59:00.000Z')).toBe('31 Dec 2026, 23:59 UTC');
    expect(en.month('2027-01')).toBe('January 2027');
    expect(en.day('2026-08-26')).toBe('26 Aug 2026');
    expect(en.month('2026-11')).toBe('November 2026');
    expect([en.percent(99.937), en.percent(100), en.percent(99.9), en.percent(null)]).toEqual(['99.93%', '100%', '99.9%', 'no data']);
    expect([en.duration(20_000), en.duration(38 * 60_000), en.duration(66 * 60_000), en.duration(60 * 60_000), en.duration((51 * 60 + 10) * 60_000)]).toEqual([
      'under a minute',
      '38 min',
      '1 h 6 min',
      '1 h',
      '2 d 3 h',
    ]);
    expect([en.ms(812.4), en.ms(2_140)]).toEqual(['812 ms', '2.1 s']);
  });

  it('chooses plural forms by the count and formats numbers for the language', () => {
    expect([en.t('count.incidents', { count: 1 }), en.t('count.incidents', { count: 1200 })]).toEqual(['1 incident', '1,200 incidents']);
    expect(words('de').number(1200.5, { maximumFractionDigits: 1 })).toBe('1.200,5');
  });

  it('formats each number with its own options, however often the same options come back', () => {
    const de = words('de');
    const asked = [3, 1, 3, 0].map((digits) => de.number(1.23456, { maximumFractionDigits: digits }));
    expect(asked).toEqual(['1,235', '1,2', '1,235', '1']);
    expect(de.number(1.23456, { style: 'percent' })).toBe('123\u00a0%');
  });

  it('cuts a message at its placeholders for elements set in as they are', () => {
    const time = { element: 'time' };
    expect(en.parts('checked.checked', { time })).toEqual(['Checked ', time]);
  });

  it('formats dates in the language, still in UTC', () => {
    expect(words('de').dateTime('2026-11-23T23:40:00Z')).toMatch(/^23\. Nov\.? 2026, 23:40 UTC$/);
    expect(words('ar').dir).toBe('rtl');
  });
});
