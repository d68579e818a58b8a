/**
 * What `outpost build` shows of `next build`'s output. Next builds only the layout (a one-component shell site,
 * lib/build/pipeline.ts), so its route table lists pages the real site does not have, and its list of
 * experimental flags (set on purpose in next.config.ts) prints a ⨯ that reads as a failure. Progress, warnings
 * and errors pass; the shell's route table, the flags, and lines that say nothing to a user do not.
 */

/** Lines dropped wherever they appear: empty, the env file, the skipped type check, Next's intermediate page counts. */
const noise = [/^\s*$/, /^- Environments:/, /Skipping validation of types/, /Finished TypeScript config validation/, /^\s*Generating static pages .*\((?!0\/)\d+\/\d+\)\s*$/];

/** A line of the experiments block: `  ⨯ turbopackSourceMaps`, `  ✓ …`, `  · …`. */
const experiment = /^\s+[\u2a2f\u2713\u00b7\u2717\u00d7]\s+\w+/; // ⨯ ✓ · ✗ ×, escaped: the CLI bundle is read fastest as ASCII (bin/outpost.js)

/** A line of the route table or its legend: `Route (app)`, `├ ○ /history`, `○  (Static)  prerendered …`. */
const routeTable = /^(Route \(|[\u250c\u251c\u2514\u2502]|[\u25cb\u25cf\u0192\u25d0\u03bb]\s+\()/; // ┌ ├ └ │, ○ ● ƒ ◐ λ

/** A stateful filter of `next build`'s lines: each call returns the line to show, or null to drop it. */
export function nextOutputFilter(): (line: string) => string | null {
  let inExperiments = false;
  return (raw) => {
    // Colour codes (FORCE_COLOR) would hide a line from the patterns below.
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    if (/^- Experiments \(use with caution\):/.test(line)) {
      inExperiments = true;
      return null;
    }
    if (inExperiments && experiment.test(line)) return null;
    inExperiments = false;
    if (routeTable.test(line) || noise.some((pattern) => pattern.test(line))) return null;
    return `  ${line.trimStart()}`;
  };
}

/** Feeds a stream's chunks to `write` as whole lines passed through `filter`; call the returned `end` when it closes. */
export function lineFilter(filter: (line: string) => string | null, write: (line: string) => void): { push: (chunk: Buffer | string) => void; end: () => void } {
  let rest = '';
  const emit = (line: string) => {
    const shown = filter(line.replace(/\r$/, ''));
    if (shown !== null) write(shown);
  };
  return {
    push: (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop()!;
      lines.forEach(emit);
    },
    end: () => {
      if (rest) emit(rest);
      rest = '';
    },
  };
}
