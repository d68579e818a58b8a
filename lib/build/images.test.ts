import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../content';
import { pngSize } from '../publish/fixtures/png';
import { ownImageIds } from '../publish/metadata';
import { imageSize, incidentImage } from '../publish/social-image';
import { projectRoot } from './pipeline';
import { sharedSite } from './test-site';

describe('incident images made after Next', () => {
  it('rendering the image Next made, outside Next, gives the same bytes; every incident with an image has one', async () => {
    const out = await sharedSite();
    const now = new Date(JSON.parse(fs.readFileSync(path.join(out, 'status.json'), 'utf8')).generatedAt);
    const content = loadContent(path.join(projectRoot, 'content'), { now });
    const [first, ...rest] = ownImageIds(content, now);
    expect(rest.length).toBeGreaterThan(0);
    const image = (id: string) => path.join(out, 'incidents', id, 'og.png');
    const again = Buffer.from(await incidentImage({ content, now }, first!, projectRoot)!.arrayBuffer());
    expect(again.equals(fs.readFileSync(image(first!)))).toBe(true);
    for (const id of rest) expect(pngSize(image(id))).toEqual(imageSize);
    const without = content.incidents.filter((i) => ![first, ...rest].includes(i.id));
    for (const incident of without) expect(fs.existsSync(image(incident.id))).toBe(false);
  });
});
