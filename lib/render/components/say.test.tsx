import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { words } from '@/lib/i18n';
import { stylesheetWords } from '../layout';
import { isolate, Say } from './say';
import { Time } from './time';
import { dayText } from './uptime-bars';

const en = words('en');

describe('Say', () => {
  it('sets elements into a message in the order the language puts them', () => {
    const time = <Time iso="2026-11-23T10:40:00Z" w={words('ja')} />;
    expect(renderToStaticMarkup(<Say w={words('ja')} k="page.since" vars={{ time }} />)).toBe('<time dateTime="2026-11-23T10:40:00Z">2026年11月23日 10:40 UTC</time> から');
    expect(renderToStaticMarkup(<Say w={words('de')} k="page.since" vars={{ time: <b>x</b> }} />)).toBe('seit <b>x</b>');
  });

  it('joins text to text, as one JSX string would, unless asked to keep values apart', () => {
    // renderToString marks where one text node ends and the next begins: the bytes React writes for JSX children.
    const vars = { time: <i>t</i>, duration: '40 min' };
    expect(renderToString(<Say w={en} k="page.beganLasted" vars={vars} />)).toBe('Began <i>t</i>, lasted 40 min');
    expect(renderToString(<Say w={en} k="page.beganLasted" vars={vars} apart />)).toBe('Began <i>t</i>, lasted <!-- -->40 min');
    expect(renderToString(<Say w={en} k="page.since" vars={{ time: <i>t</i> }} before=" " then="." />)).toBe(' since <i>t</i>.');
  });

  it('chooses a plural form by count, and formats it for the language', () => {
    expect(renderToString(<Say w={en} k="componentPage.older" vars={{ count: 12, history: <a>history</a> }} apart />)).toBe('12<!-- --> older in the <a>history</a>.');
    expect(renderToStaticMarkup(<Say w={words('ar')} k="bars.days" vars={{ count: 2 }} />)).toBe('يومان');
    expect(renderToStaticMarkup(<Say w={words('de')} k="bars.days" vars={{ count: 1200 }} />)).toBe('1.200 Tage');
  });

  it('isolates a label on a right-to-left page only', () => {
    expect(renderToStaticMarkup(<p>{isolate(words('ar'), '2026-Q4')}</p>)).toBe('<p><bdi>2026-Q4</bdi></p>');
    expect(renderToStaticMarkup(<p>{isolate(en, '2026-Q4')}</p>)).toBe('<p>2026-Q4</p>');
  });
});

describe('stylesheetWords', () => {
  it('leaves English to the stylesheet and gives other languages the bars’ end labels, quoted for CSS', () => {
    expect(stylesheetWords(en)).toBeUndefined();
    expect(stylesheetWords(words('de'))).toEqual({ '--ub-90': '"vor 90 Tagen"', '--ub-60': '"vor 60 Tagen"', '--ub-30': '"vor 30 Tagen"', '--ub-today': '"Heute"' });
    expect(stylesheetWords(words('ar'))?.['--ub-90' as never]).toBe('"قبل 90 يومًا"');
  });
});

describe('dayText', () => {
  const day = { date: '2026-10-28', uptimePercent: 95.277, worst: 'major_outage' as const, minutesDown: 68, minutesPartial: 0, minutesDegraded: 0, minutesMaintenance: 0, incidents: [{ id: 'x', title: 'API unavailable' }] };

  it('says a day in the language, its figures formatted for it, staff titles as written', () => {
    expect(dayText(day)).toBe('28 Oct: 95.27% uptime, 1 h 8 min down. API unavailable');
    expect(dayText(day, words('de'))).toBe('28. Okt.: 95,27\u00a0% Verfügbarkeit, 1 Std. 8 Min. ausgefallen. API unavailable');
    expect(dayText(day, words('ja'))).toBe('10月28日: 稼働率 95.27%、停止 1時間8分。API unavailable');
  });
});
