import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withPagePolicy } from '@/lib/build/csp';
import { acquireBuildLock } from '@/lib/build/lock';
import { optimizeOutput } from '@/lib/build/optimize';
import { projectRoot } from '@/lib/build/paths';
import { listFiles } from '@/lib/files';
import { readSiteData } from '@/lib/site-data';
import { isOutputFile, outputs } from './outputs';
import { cutShell } from './shell';
import { fixtureContent } from './testing/site';
import { writeOutputs } from './write';

// The renderer and Next, from the same content and data at the same moment, must write the same bytes: every
// page and file of every kind. Next's export is what `next dev` and a bare `next build` show; the renderer's is
// what `outpost build` and every publish ship.
let tmp: string;
let nextDir: string;
let ours: string;
let written: string[];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-equal-'));
  const content = fixtureContent(path.join(tmp, 'content'));
  const now = '2026-11-23T14:05:00.000Z';
  const distDir = path.join('.outpost', `next-equal-${process.pid}`);
  nextDir = path.join(projectRoot, distDir);
  const lock = await acquireBuildLock(projectRoot, () => {});
  try {
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', OUTPOST_OUT_DIR: distDir, OUTPOST_NOW: now, OUTPOST_CONTENT_DIR: content, OUTPOST_DATA_DIR: path.join(projectRoot, 'data') };
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { cwd: projectRoot, env, stdio: 'ignore' });
      child.on('close', resolve);
    });
    expect(status).toBe(0);
    await optimizeOutput(nextDir);
  } finally {
    await lock.release();
  }
  ours = path.join(tmp, 'ours');
  fs.mkdirSync(ours);
  const data = readSiteData({ contentDir: content, dataDir: path.join(projectRoot, 'data'), now: new Date(now) });
  const shell = cutShell(fs.readFileSync(path.join(nextDir, '404.html'), 'utf8'));
  written = (await writeOutputs({ data, shell, dir: ours, previous: null, project: projectRoot, keptDir: path.join(tmp, 'kept') })).written;
}, 600_000);

afterAll(() => {
  if (nextDir) fs.rmSync(nextDir, { recursive: true, force: true });
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the renderer writes what Next exports', () => {
  test('every output of every kind, byte for byte (pages with their Content-Security-Policy added)', () => {
    expect(written.length).toBeGreaterThan(90);
    const mismatched: string[] = [];
    for (const file of written) {
      const next = fs.readFileSync(path.join(nextDir, file));
      const expected = file.endsWith('.html') ? Buffer.from(withPagePolicy(next.toString('utf8'))) : next;
      if (!expected.equals(fs.readFileSync(path.join(ours, file)))) mismatched.push(file);
    }
    expect(mismatched).toEqual([]);
  });

  test('covers every kind, history pages past the first, and every incident and maintenance state', () => {
    const kindsWritten = new Set(Object.values(outputs).map((k) => k.route));
    for (const route of kindsWritten) expect(written.some((f) => isOutputFile(f) && matches(route, f)), route).toBe(true);
    expect(written).toContain('history/page/2.html');
    const home = fs.readFileSync(path.join(ours, 'index.html'), 'utf8');
    expect(home).toContain('Current incidents');
    const pages = written.filter((f) => f.startsWith('incidents/') && f.endsWith('.html')).map((f) => fs.readFileSync(path.join(ours, f), 'utf8'));
    for (const state of ['Investigating', 'Identified', 'Monitoring', 'Resolved', 'Postmortem']) expect(pages.some((p) => p.includes(`</svg>${state}</span>`)), state).toBe(true);
    const windows = written.filter((f) => f.startsWith('maintenance/')).map((f) => fs.readFileSync(path.join(ours, f), 'utf8'));
    for (const state of ['Scheduled', 'In progress', 'Completed', 'Cancelled']) expect(windows.some((p) => p.includes(`</svg>${state}</span>`)), state).toBe(true);
  });

  test('Next exports nothing the renderer does not list, but for its own assets', () => {
    const listed = new Set(written);
    const extra = listFiles(nextDir).filter((f) => isOutputFile(f) && !listed.has(f) && f !== '_not-found.html');
    expect(extra).toEqual([]);
  });
});

/** Whether `file` is an output of `route`. */
function matches(route: string, file: string): boolean {
  const pattern = route === '/' ? 'index' : route.slice(1).replace(/\[\w+\]/g, '[^/]+').replace(/\./g, '\\.');
  return new RegExp(`^${pattern}(\\.html)?$`).test(file) || (route === '/_not-found' && file === '404.html');
}

