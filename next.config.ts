import fs from 'node:fs';
import path from 'node:path';
import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';

// Every page of one build agrees on "now": the CLI sets it, a bare `next build` fixes it here.
process.env.OUTPOST_NOW ??= new Date().toISOString();

/**
 * Turbopack compiles only files under its root (the folder of the nearest lockfile). When node_modules is a link
 * to a folder outside the project (a git worktree sharing a checkout's install), the root is the folder that
 * holds both; otherwise Next's own choice.
 */
function sharedRoot(project: string): string | undefined {
  let modules: string;
  try {
    modules = fs.realpathSync(path.join(project, 'node_modules'));
  } catch {
    return undefined;
  }
  let root = fs.realpathSync(project);
  if (modules.startsWith(`${root}${path.sep}`)) return undefined;
  while (!modules.startsWith(`${root}${path.sep}`)) root = path.dirname(root);
  return root;
}

const root = sharedRoot(process.cwd());

const nextConfig: NextConfig = {
  ...(root ? { outputFileTracingRoot: root, turbopack: { root } } : {}),
  output: 'export',
  trailingSlash: false,
  poweredByHeader: false,
  images: { unoptimized: true },
  // `outpost build` publishes content, not code: type-checking the code on every publish took 6 of the 14.5 s of a
  // one-page build here. `npm test` (and CI) runs `tsc --noEmit` instead.
  typescript: { ignoreBuildErrors: true },
  env: { OUTPOST_NOW: process.env.OUTPOST_NOW },
  // A static export never uses the server's file traces (.nft.json). Webpack (`outpost build --low-memory`)
  // collects them while pages render: without them that build measured 2 s faster and 140 MB lighter.
  outputFileTracingExcludes: { '*': ['**/*'] },
  // With `output: 'export'` a distDir names the export folder (`outpost build --out`); intermediates stay in .next.
  distDir: process.env.OUTPOST_OUT_DIR || 'out',
};

export default function config(phase: string): NextConfig {
  if (phase !== PHASE_PRODUCTION_BUILD) return nextConfig;
  // A build's server code runs once, to export pages, and no browser gets a source map: without them Turbopack
  // held about 80 MB less for the whole build at the bench's 1,000 incidents. `next dev` keeps them.
  // Nor does it write Turbopack's persistent cache: `outpost build` keeps the shell Next made (lib/build/next-shell.ts)
  // and runs Next again only when the code or the site's name changed. Writing it cost about 1.5 s of CPU (and 40 MB at the peak, on one thread).
  return { ...nextConfig, experimental: { turbopackSourceMaps: false, turbopackInputSourceMaps: false, turbopackFileSystemCacheForBuild: false } };
}
