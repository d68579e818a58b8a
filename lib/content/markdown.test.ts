import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { markdownToText, nestHeadings, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders a line of plain sentences as micromark does, whatever punctuation, digits and links it holds', () => {
    const tokens = ['We', 'are', 'Zoë', '日本', 'x', '1', '2.5', '12)', '3.', '99%', 'eu-1', 'a/b', '(see', 'it)', 'fix:', "don't", 'it’s', 'a=b', 'ok!', 'why?', 'one;', 'a,b', '+', '-', '+1', '-x', '=', '==', '---', 'www.example.com', 'WWW.x.io', 'http://x.io', 'https://x.io/a', 'a://b', 'x@y.io', '*a*', '_a_', '[a](b)', '`a`', '<b>', 'a&b', '"q"', '#', 'a\\b', '~a~', 'a|b', '²', 'Ⅻ'];
    // mulberry32: the same 3,000 lines every run.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    for (let i = 0; i < 3000; i++) {
      const words = Array.from({ length: 1 + random(6) }, () => tokens[random(tokens.length)]!);
      const gaps = Array.from({ length: words.length }, () => [' ', ' ', ' ', '  ', '\n', '\t'][random(6)]!);
      const text = [...(random(8) === 0 ? [' '] : []), ...words.flatMap((word, k) => (k === 0 ? [word] : [gaps[k]!, word])), ...(random(8) === 0 ? [' '] : [])].join('');
      expect(renderMarkdown(text), JSON.stringify(text)).toBe(micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()] }));
    }
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an onerror attribute', '<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ['inline raw HTML', 'a <b onmouseover=alert(1)>b</b>', '<p>a &lt;b onmouseover=alert(1)&gt;b&lt;/b&gt;</p>'],
    ['a javascript: link', '[x](javascript:alert(1))', '<p><a href="">x</a></p>'],
    ['a mixed-case javascript: link', '[x](JaVaScRiPt:alert(1))', '<p><a href="">x</a></p>'],
    ['an entity-encoded javascript: link', '[x](&#106;avascript:alert(1))', '<p><a href="">x</a></p>'],
    ['a javascript: reference definition', '[x][r]\n\n[r]: javascript:alert(1)', '<p><a href="">x</a></p>\n'],
    ['a javascript: autolink', '<javascript:alert(1)>', '<p><a href="">javascript:alert(1)</a></p>'],
    ['a data: link', '[d](data:text/html;base64,PHNjcmlwdD4=)', '<p><a href="">d</a></p>'],
    ['a javascript: image', '![i](javascript:alert(1))', '<p><img src="" alt="i" /></p>'],
  ])('makes %s harmless', (_name, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });

  it.each([
    ['emphasis and code', 'About **30%** fail with `503`.', '<p>About <strong>30%</strong> fail with <code>503</code>.</p>'],
    ['http, relative and mailto links', '[a](https://x.example/?q=1) [b](/history) [c](mailto:ops@x.example)', '<p><a href="https://x.example/?q=1">a</a> <a href="/history">b</a> <a href="mailto:ops@x.example">c</a></p>'],
    ['a list', '- one\n- two', '<ul>\n<li>one</li>\n<li>two</li>\n</ul>'],
    ['strikethrough (GFM)', '~~gone~~', '<p><del>gone</del></p>'],
  ])('keeps %s', (_name, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });
});

describe('markdownToText', () => {
  it('gives plain text, markup gone and entities decoded', () => {
    expect(markdownToText('About **30%** of requests & `503`s.\n\nRetry.')).toBe('About 30% of requests & 503s. Retry.');
  });
});

describe('nestHeadings', () => {
  it('moves the top heading to the level asked and keeps the steps below it', () => {
    const html = renderMarkdown('## Summary\n\ntext\n\n### Timeline\n\n#### Detail');
    expect(nestHeadings(html, 3)).toBe('<h3>Summary</h3>\n<p>text</p>\n<h4>Timeline</h4>\n<h5>Detail</h5>');
    expect(nestHeadings(renderMarkdown('# A\n\n###### F'), 4)).toBe('<h4>A</h4>\n<h6>F</h6>');
  });

  it('leaves text without headings, and escaped heading tags from raw HTML, as they were', () => {
    expect(nestHeadings(renderMarkdown('just text'), 3)).toBe('<p>just text</p>');
    const raw = renderMarkdown('<h1>raw</h1>\n\n## real');
    expect(nestHeadings(raw, 3)).toBe('&lt;h1&gt;raw&lt;/h1&gt;\n<h3>real</h3>');
  });
});
