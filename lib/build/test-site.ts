import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { buildSite } from './pipeline';
import { projectRoot } from './paths';
import { listFiles } from '../files';

/**
 * For tests: one real build of the example site, shared by every test file that needs a built site
 * (a build takes 15–60 s here). It is rebuilt when any source it depends on changes, and test workers
 * that ask at the same time wait for the one that builds.
 */

const sources = ['app', 'lib', 'content', 'data', 'public', 'next.config.ts', 'package-lock.json'];

/** Builds the example site unless an identical build exists; resolves with its folder (followed). */
export async function sharedSite(): Promise<string> {
  const dir = path.join(projectRoot, '.outpost', 'test-site');
  fs.mkdirSync(dir, { recursive: true });
  const release = await lockfile.lock(dir, { realpath: false, stale: 30_000, retries: { retries: 600, minTimeout: 1_000, maxTimeout: 1_000 } });
  try {
    const out = path.join(dir, 'out');
    const keyFile = path.join(dir, 'key');
    const key = sourceKey();
    if (fs.existsSync(path.join(out, 'index.html')) && readText(keyFile) === key) return fs.realpathSync(out);
    const result = await buildSite({ content: path.join(projectRoot, 'content'), data: path.join(projectRoot, 'data'), out, nextOutput: 'ignore', log: () => {} });
    if (!result.ok) throw new Error(`building the shared test site failed:\n${result.reason}`);
    fs.writeFileSync(keyFile, key);
    return fs.realpathSync(out);
  } finally {
    await release();
  }
}

/** A digest of every file's path and bytes under `dir`: equal digests mean byte-for-byte equal trees. */
export function treeHash(dir: string): string {
  const hash = crypto.createHash('sha256');
  for (const file of listFiles(dir)) hash.update(file).update('\0').update(fs.readFileSync(path.join(dir, file))).update('\0');
  return hash.digest('hex');
}

/** Path, size and modification time of every source file the build reads. */
function sourceKey(): string {
  const hash = crypto.createHash('sha256');
  for (const source of sources) {
    const abs = path.join(projectRoot, source);
    if (!fs.existsSync(abs)) continue;
    const files = fs.statSync(abs).isDirectory() ? listFiles(abs).filter((f) => !f.endsWith('.test.ts')).map((f) => path.join(source, f)) : [source];
    for (const file of files) {
      const stat = fs.statSync(path.join(projectRoot, file));
      hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
