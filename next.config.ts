import type { NextConfig } from 'next';

// Every page of one build agrees on "now": the CLI sets it, a bare `next build` fixes it here.
process.env.OUTPOST_NOW ??= new Date().toISOString();

const nextConfig: NextConfig = {
  output: 'export',
  trailingSlash: false,
  poweredByHeader: false,
  images: { unoptimized: true },
  env: { OUTPOST_NOW: process.env.OUTPOST_NOW },
};

export default nextConfig;
