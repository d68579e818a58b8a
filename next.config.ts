import type { NextConfig } from 'next';

// Every page of one build agrees on "now": the CLI sets it, a bare `next build` fixes it here.
process.env.OUTPOST_NOW ??= new Date().toISOString();

const nextConfig: NextConfig = {
  output: 'export',
  // `outpost build` exports each build into a fresh folder of its own and swaps it into place when complete;
  // with `output: 'export'` a custom distDir names the export folder (intermediates stay in .next).
  distDir: process.env.OUTPOST_DIST_DIR || undefined,
  trailingSlash: false,
  poweredByHeader: false,
  images: { unoptimized: true },
  env: { OUTPOST_NOW: process.env.OUTPOST_NOW },
};

export default nextConfig;
