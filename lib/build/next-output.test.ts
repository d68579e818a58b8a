import { describe, expect, it } from 'vitest';
import { lineFilter, nextOutputFilter } from './next-output';

/** What `next build` 16.4.5 printed for the shell site, piped (copied from a real build of this project). */
const success = `▲ Next.js 16.4.5 (Turbopack)
- Environments: .env
✓ Running next.config.ts took 57ms
- Experiments (use with caution):
  ⨯ turbopackInputSourceMaps
  ⨯ turbopackSourceMaps

  Creating an optimized production build ...
✓ Compiled successfully in 3.6s
  Skipping validation of types
  Finished TypeScript config validation in 4ms ...
  Collecting page data using 1 worker ...
  Generating static pages using 1 worker (0/28) ...
  Generating static pages using 1 worker (7/28) 
  Generating static pages using 1 worker (14/28) 
  Generating static pages using 1 worker (21/28) 
✓ Generating static pages using 1 worker (28/28) in 638ms
  Finalizing page optimization ...

Route (app)
┌ ○ /
├ ○ /_not-found
├   /components/[id]
│ └ ● /components/layout
├ ○ /history
└ ○ /subscribe


○  (Static)  prerendered as static content
●  (SSG)     prerendered as static HTML (uses generateStaticParams)

`;

/** The same build failing (node_modules without next). */
const failure = `▲ Next.js 16.4.5 (Turbopack)
- Environments: .env
✓ Running next.config.ts took 44ms
- Experiments (use with caution):
  ⨯ turbopackInputSourceMaps
  ⨯ turbopackSourceMaps

  Creating an optimized production build ...

> Build error occurred
Error: Turbopack build failed with 1 error:
./app
Error: Could not find the Next.js package (next/package.json)
`;

function shown(text: string, chunk = text.length): string[] {
  const lines: string[] = [];
  const filter = lineFilter(nextOutputFilter(), (line) => lines.push(line));
  for (let i = 0; i < text.length; i += chunk) filter.push(text.slice(i, i + chunk));
  filter.end();
  return lines;
}

describe('nextOutputFilter', () => {
  it('keeps the progress of a build and drops the flags, the shell route table and the noise', () => {
    expect(shown(success)).toEqual([
      '  ▲ Next.js 16.4.5 (Turbopack)',
      '  ✓ Running next.config.ts took 57ms',
      '  Creating an optimized production build ...',
      '  ✓ Compiled successfully in 3.6s',
      '  Collecting page data using 1 worker ...',
      '  Generating static pages using 1 worker (0/28) ...',
      '  ✓ Generating static pages using 1 worker (28/28) in 638ms',
      '  Finalizing page optimization ...',
    ]);
  });

  it('keeps every line of an error', () => {
    const lines = shown(failure);
    expect(lines.join('\n')).not.toContain('turbopackSourceMaps');
    expect(lines.slice(-4)).toEqual(['  > Build error occurred', '  Error: Turbopack build failed with 1 error:', '  ./app', '  Error: Could not find the Next.js package (next/package.json)']);
  });

  it('gives the same lines whatever the chunks, and reads through colour codes', () => {
    expect(shown(success, 7)).toEqual(shown(success));
    expect(shown('\x1b[33m- Experiments (use with caution):\x1b[39m\n  \x1b[31m⨯\x1b[39m turbopackSourceMaps\n\x1b[32m✓\x1b[39m Compiled successfully in 2s\n')).toEqual([
      '  ✓ Compiled successfully in 2s',
    ]);
  });

  it('lets a line after the flags through when it is not one', () => {
    expect(shown('- Experiments (use with caution):\n  ⨯ turbopackSourceMaps\n⚠ Something to act on\n')).toEqual(['  ⚠ Something to act on']);
  });
});
