import type { NextConfig } from 'next';

// Every page of one build agrees on "now": the CLI sets it, a bare `next build` fixes it here.
process.env.OUTPOST_NOW ??= new Date().toISOString();

const nextConfig: NextConfig = {
  output: 'export',
  trailingSlash: false,
  poweredByHeader: false,
  images: { unoptimized: true },
  env: { OUTPOST_NOW: process.env.OUTPOST_NOW },
  // With `output: 'export'` a distDir names the export folder (`outpost build --out`); intermediates stay in .next.
  distDir: process.env.OUTPOST_OUT_DIR || 'out',
};

export default nextConfig;
