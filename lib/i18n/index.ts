import ar from './locales/ar.json';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import ja from './locales/ja.json';
import pt from './locales/pt.json';

/**
 * Every word Outpost itself writes on the site, in the language `site.yaml` chooses (docs/languages.md). A locale
 * file maps a key to a message with `{name}` placeholders, or to plural forms by Intl.PluralRules category
 * (`one`, `other`, …) chosen by the `count` placeholder. Numbers, dates and times are formatted with Intl for the
 * language. What staff write in content/ is shown as written.
 */

/** A message, or its plural forms by category. */
export type Message = string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>;
/** The English locale is the reference: every other locale has exactly its keys (lib/i18n/locales.test.ts). */
export type Key = keyof typeof en;
/** Values set into a message's placeholders; numbers are formatted for the language. */
export type Vars = Readonly<Record<string, string | number>>;
/** How numbers in placeholders are written: grouped (`10,000`, the default) or not (`10000`, for measurements such as `10000 ms`). */
export type NumberStyle = { grouping?: boolean };

/** The languages a site can choose, with the name they call themselves, their direction and their Intl locale. */
export const languages = {
  en: { name: 'English', dir: 'ltr', intl: 'en-GB', messages: en },
  de: { name: 'Deutsch', dir: 'ltr', intl: 'de', messages: de },
  fr: { name: 'Français', dir: 'ltr', intl: 'fr', messages: fr },
  es: { name: 'Español', dir: 'ltr', intl: 'es', messages: es },
  pt: { name: 'Português', dir: 'ltr', intl: 'pt-BR', messages: pt },
  ja: { name: '日本語', dir: 'ltr', intl: 'ja', messages: ja },
  ar: { name: 'العربية', dir: 'rtl', intl: 'ar', messages: ar },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl'; intl: string; messages: Record<Key, Message> }>;

/** A language code `site.yaml` may name. */
export type Lang = keyof typeof languages;
/** The codes, for the schema's enum. */
export const langs = Object.keys(languages) as [Lang, ...Lang[]];

/** One language's words and formats. */
export type Words = {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  /** The message for `key` with `vars` set in (a plural message takes its form from `vars.count`). */
  t(key: Key, vars?: Vars, numbers?: NumberStyle): string;
  /** The same message cut at its placeholders, with `vars` set in as they are (React elements, say). */
  parts<T>(key: Key, vars: Readonly<Record<string, T | string | number>>, numbers?: NumberStyle): (string | T)[];
  /** `API, Web und DB`, `API、Web、DB`: names listed as the language lists them (English: `API, Web, DB`). */
  list(items: readonly string[]): string;
  /** `1,234` in the language's digits and separators. */
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** `23 Nov 2026, 10:40 UTC`: a moment in UTC, for pages that must read right without JavaScript. */
  dateTime(iso: string): string;
  /** `26 Aug 2026` for the UTC date `2026-08-26`. */
  day(date: string): string;
  /** `26 Aug`: the same without the year, where the days shown are the last few (the 90-day bars). */
  dayMonth(date: string): string;
  /** `November 2026` from `2026-11`. */
  month(key: string): string;
  /** `99.93%`: cut, not rounded, so any downtime at all shows below 100%; "no data" for null. */
  percent(percent: number | null): string;
  /** `38 min`, `1 h 6 min`, `2 d 3 h`: a span in the two largest units that matter. */
  duration(ms: number): string;
  /** `812 ms`, `2.1 s` */
  ms(ms: number): string;
};

const memo = new Map<Lang, Words>();

/** The words and formats of `lang` (English when none is given). */
export function words(lang: Lang = 'en'): Words {
  let w = memo.get(lang);
  if (!w) memo.set(lang, (w = makeWords(lang)));
  return w;
}

function makeWords(lang: Lang): Words {
  const { dir, intl, messages } = languages[lang];
  const table: Record<string, Message> = messages;
  // Each formatter made when first used (making the ten took 25 ms of every command's start, `--help` too).
  const plurals = once(() => new Intl.PluralRules(intl));
  const integers = once(() => new Intl.NumberFormat(intl));
  const ungrouped = once(() => new Intl.NumberFormat(intl, { useGrouping: false }));
  const utc = (options: Intl.DateTimeFormatOptions) => once(() => new Intl.DateTimeFormat(intl, { timeZone: 'UTC', ...options }));
  const dateTimes = utc({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const days = utc({ day: 'numeric', month: 'short', year: 'numeric' });
  const dayMonths = utc({ day: 'numeric', month: 'short' });
  const months = utc({ month: 'long', year: 'numeric' });
  const percents = once(() => new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 2, roundingMode: 'trunc' } as Intl.NumberFormatOptions));
  const tenths = once(() => new Intl.NumberFormat(intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const lists = once(() => new Intl.ListFormat(intl, { type: 'conjunction', style: 'narrow' }));
  // One formatter per set of options: making one takes about 18 µs, formatting 0.4 µs, and a build's reports ask
  // for thousands of numbers with the same options.
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const numberFormat = (options: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options);
    let format = numberFormats.get(key);
    if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(intl, options)));
    return format;
  };

  const message = (key: Key, count: unknown): string => {
    const entry = table[key];
    if (entry === undefined) throw new Error(`lib/i18n/locales/${lang}.json has no message "${key}"`);
    if (typeof entry === 'string') return entry;
    const form = typeof count === 'number' ? entry[plurals().select(count)] : undefined;
    return form ?? entry.other ?? '';
  };
  const show = (value: unknown, numbers: NumberStyle) => (typeof value !== 'number' ? value : (numbers.grouping === false ? ungrouped : integers)().format(value));
  // Each message cut at its placeholders once: a home page of 50 components sets thousands of them.
  const pieces = new Map<string, { text: string; name?: string }[]>();
  const cut = (text: string) => {
    let found = pieces.get(text);
    if (!found) {
      found = text
        .split(/(\{\w+\})/)
        .filter((part) => part !== '')
        .map((part) => ({ text: part, name: /^\{(\w+)\}$/.exec(part)?.[1] }));
      pieces.set(text, found);
    }
    return found;
  };
  const parts = <T,>(key: Key, vars: Readonly<Record<string, T | string | number>>, numbers: NumberStyle = {}): (string | T)[] =>
    cut(message(key, vars.count)).map(({ text, name }) => (name !== undefined && name in vars ? (show(vars[name], numbers) as string | T) : text));
  const t = (key: Key, vars: Vars = {}, numbers?: NumberStyle) => parts(key, vars, numbers).join('');
  /**
   * A format of dates, remembered by its input: the same days and moments recur on every page. Forgotten past
   * 20,000 (a pinger that runs for months formats a new moment every round).
   */
  const remembered = (format: (value: string) => string) => {
    const seen = new Map<string, string>();
    return (value: string) => {
      let text = seen.get(value);
      if (text === undefined) {
        if (seen.size >= 20_000) seen.clear();
        seen.set(value, (text = format(value)));
      }
      return text;
    };
  };

  const hundredths = remembered((n) => percents().format(Number(n) / 10_000));

  return {
    lang,
    dir,
    t,
    parts,
    list: (items) => lists().format(items),
    number: (n, options) => (options ? numberFormat(options).format(n) : integers().format(n)),
    dateTime: remembered((iso) => t('time.utc', { time: dateTimes().format(new Date(iso)) })),
    day: remembered((date) => days().format(new Date(`${date}T00:00:00Z`))),
    dayMonth: remembered((date) => dayMonths().format(new Date(`${date}T00:00:00Z`))),
    month: remembered((key) => months().format(new Date(`${key}-01T00:00:00Z`))),
    // Remembered by hundredths, as shown: a home page of fifty components says a few dozen figures hundreds of times.
    percent: (percent) => (percent === null ? t('percent.noData') : hundredths(String(Math.floor(percent * 100)))),
    duration(ms) {
      const minutes = Math.max(0, Math.round(ms / 60_000));
      if (minutes < 1) return t('time.underMinute');
      const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
      const units: [Key, number][] = d > 0 ? [['time.days', d], ['time.hours', h]] : h > 0 ? [['time.hours', h], ['time.minutes', m]] : [['time.minutes', m]];
      return units
        .filter(([, n], i) => i === 0 || n > 0)
        .map(([key, count]) => t(key, { count }))
        .join(t('time.join'));
    },
    ms: (ms) => (ms < 1000 ? t('time.ms', { value: integers().format(Math.round(ms)) }) : t('time.seconds', { value: tenths().format(ms / 1000) })),
  };
}

/** A value made the first time it is asked for. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
