import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@/lib/build/paths';
import { activate, buildsDirFor, makeSpare, writeBuildMeta } from '@/lib/build/swap';
import { readSiteData } from '@/lib/site-data';
import type { Shell } from '../shell';
import { writeOutputs } from '../write';

/**
 * For tests: the example content copied into `dir`, plus `extra` old resolved incidents (so the history has more
 * than one page) and one incident and one window dated after the example's moment (not begun, scheduled).
 * Every incident state (open, resolved, with a postmortem, not yet begun) and maintenance state appears.
 */
export function fixtureContent(dir: string, extra = 30): string {
  fs.cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
  for (let i = 0; i < extra; i++) {
    const day = `2026-0${1 + Math.floor(i / 10)}-${String(10 + (i % 10)).padStart(2, '0')}`;
    fs.writeFileSync(
      path.join(dir, 'incidents', `${day}-old-${i}.md`),
      `---\ntitle: Old incident ${i} & <friends>\nimpact: ${['minor', 'major', 'critical', 'none'][i % 4]}\ncomponents:\n  api: partial_outage\nupdates:\n  - at: ${day}T10:00:00Z\n    status: investigating\n    message: Looking into it.\n  - at: ${day}T10:40:00Z\n    status: resolved\n    message: Fixed.\n---\n`,
    );
  }
  fs.writeFileSync(
    path.join(dir, 'incidents', '2026-11-23-identified.md'),
    `---\ntitle: Cause found\nimpact: major\ncomponents:\n  email: partial_outage\nupdates:\n  - at: 2026-11-23T09:00:00Z\n    status: investigating\n    message: Looking.\n  - at: 2026-11-23T09:30:00Z\n    status: identified\n    message: Found it.\n  - at: 2026-11-23T10:30:00Z\n    status: identified\n    message: Still on it.\n---\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'incidents', '2026-11-20-postmortem.md'),
    `---\ntitle: Looked back on\nimpact: minor\ncomponents:\n  cdn: degraded_performance\nupdates:\n  - at: 2026-11-20T09:00:00Z\n    status: investigating\n    message: Looking.\n  - at: 2026-11-20T09:30:00Z\n    status: resolved\n    message: Fixed.\n  - at: 2026-11-21T09:00:00Z\n    status: postmortem\n    message: What we learned.\n---\nThe postmortem.\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'incidents', '2026-12-30-future.md'),
    `---\ntitle: Announced ahead\nimpact: minor\ncomponents:\n  dns: degraded_performance\nupdates:\n  - at: 2026-12-30T10:00:00Z\n    status: investigating\n    message: Dated ahead of the example's moment.\n---\n`,
  );
  return dir;
}

/** A shell as Next's is after optimising, for tests that publish without running Next (a publish never runs it). */
export const testShell: Shell = [
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
  '<link rel="icon" href="/icon.svg"/><script src="/outpost.js" defer=""></script></head><body><main id="main" class="wrap" tabindex="-1">',
  '</main></body></html>',
];

/**
 * For tests: a built site of `contentDir` and `dataDir` at `now`, served at the link `out`, as `outpost build` leaves
 * it (a build folder with its meta, the link swapped in), rendered into testShell. Remove buildsDirFor(projectRoot,
 * out) afterwards.
 */
export async function builtSite(out: string, contentDir: string, dataDir: string, now: Date, keptDir: string): Promise<string> {
  const dir = path.join(buildsDirFor(projectRoot, out), '20260101T000000Z-0000');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const asset of ['icon.svg', 'outpost.js']) fs.writeFileSync(path.join(dir, asset), 'x');
  const data = readSiteData({ contentDir, dataDir, now });
  const { manifest } = await writeOutputs({ data, shell: testShell, dir, previous: null, project: projectRoot, keptDir });
  const meta = { shell: testShell, manifest, contentDir: path.resolve(contentDir) };
  writeBuildMeta(dir, meta);
  activate(out, dir, projectRoot);
  makeSpare(dir, meta);
  return out;
}
