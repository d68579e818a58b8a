import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentPageKind } from '../../app/incidents/[id]/incident';
import { loadContent } from '../content';
import { htmlElements, attribute } from './html';
import { projectRoot } from './pipeline';
import { headMetadata, incidentMainHtml, stampPage } from './stamp';
import { sharedSite } from './test-site';

/** The example site as built, with the content and the moment it was built from. */
async function built() {
  const out = await sharedSite();
  const now = new Date(JSON.parse(fs.readFileSync(path.join(out, 'status.json'), 'utf8')).generatedAt);
  const content = loadContent(path.join(projectRoot, 'content'), { now });
  const page = (id: string) => fs.readFileSync(path.join(out, 'incidents', `${id}.html`), 'utf8');
  return { content, now, page };
}

describe('incident pages stamped from the one Next renders', () => {
  it('stamping the newest incident into its own page, as Next rendered it, gives back the same bytes', async () => {
    const { content, now, page } = await built();
    const newest = content.incidents[0]!;
    const shell = page(newest.id);
    const head = headMetadata(content.site, incidentPageKind(newest, now));
    const main = incidentMainHtml({ incident: newest, content, now });
    expect(stampPage(shell, head, main)).toBe(shell);
  });

  it('every other incident has a page of its own: its title, description, image and timeline, none of the shell', async () => {
    const { content, now, page } = await built();
    const [newest, ...others] = content.incidents;
    expect(others.length).toBeGreaterThan(2);
    for (const incident of others) {
      const html = page(incident.id);
      const elements = htmlElements(html);
      const meta = (name: string) => attribute(elements.find((e) => e.tagName === 'meta' && (attribute(e, 'name') ?? attribute(e, 'property')) === name)!, 'content');
      const kind = incidentPageKind(incident, now);
      expect(html).toContain(`<title>${incident.title.replaceAll('&', '&amp;')} · ${content.site.name}</title>`);
      expect(meta('description')).toBe(kind.description);
      expect(meta('og:image')).toBe(`${content.site.url}/incidents/${incident.id}/og.png`);
      expect(elements.filter((e) => e.tagName === 'h1')).toHaveLength(1);
      expect(html).not.toContain(`>${newest!.title}</h1>`);
      expect(elements.filter((e) => e.tagName === 'meta' && attribute(e, 'http-equiv') === 'Content-Security-Policy')).toHaveLength(1);
    }
  });

  it('escapes what it writes into the head', () => {
    const site = { ...loadContent(path.join(projectRoot, 'content')).site, name: 'A & B' };
    const head = headMetadata(site, { title: `<script>"x" & 'y' $& %s`, description: '</title><b>' });
    expect(head).toContain('<title>&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27; $&amp; %s · A &amp; B</title>');
    expect(head).toContain('<meta name="description" content="&lt;/title&gt;&lt;b&gt;"/>');
    expect(head).not.toMatch(/<script|<b>/);
  });

  it('refuses a shell without head metadata or main, rather than write a page that lacks them', () => {
    expect(() => stampPage('<html><head><title>x</title></head><body><main></main></body></html>', '', '')).toThrow(/no <title>…twitter:image/);
    expect(() => stampPage('<title>x</title><meta name="twitter:image" content="u"/><div></div>', '', '')).toThrow(/no <main>/);
  });
});
