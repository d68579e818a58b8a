import fs from 'node:fs';
import path from 'node:path';
import type { Content } from '../content';
import { ownImageIds } from '../publish/metadata';
import { incidentImage } from '../publish/social-image';

/**
 * Writes the social image (`incidents/<id>/og.png`) of every incident that has one but the first, whose image
 * Next rendered, with the function Next's route calls. In Next's page worker each image cost about 23 ms and,
 * with the renderer's WebAssembly memory, about 100 MB of the build's peak at the bench's 1,000 incidents; here
 * they are made after Next has exited, by `outpost build-images` (a process of its own, beside the stamping).
 */
export async function renderIncidentImages(outDir: string, content: Content, now: Date, project: string): Promise<void> {
  for (const id of ownImageIds(content, now).slice(1)) {
    const image = incidentImage({ content, now }, id, project)!;
    const file = path.join(outDir, 'incidents', id, 'og.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await image.arrayBuffer()));
  }
}
