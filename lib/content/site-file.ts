import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { siteSchema, type Site } from './schema';

let read: { file: string; site: Site } | null = null;

/**
 * `site.yaml` of the content folder the build reads (OUTPOST_CONTENT_DIR), alone: what the layout and the 404 page
 * Next builds for the shell show. `outpost build` has checked it, with the rest of content/, before Next runs; the
 * layout needs neither the incidents nor the monitoring data, and Next then compiles and runs none of their code.
 */
export function siteFile(): Site {
  const file = path.join(process.env.OUTPOST_CONTENT_DIR ?? 'content', 'site.yaml');
  if (read?.file !== file) {
    const parsed = siteSchema.safeParse(parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file} is not valid: run \`outpost validate\` for every problem`);
    read = { file, site: parsed.data };
  }
  return read.site;
}
