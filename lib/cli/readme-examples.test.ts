import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outpost, repoRoot, slow } from './testing';

/*
 * The README's own incident and maintenance examples (hand-written: aligned comments, a padded flow map),
 * edited by every CLI command that edits a file. Each command must add its lines and change its values,
 * and leave every other byte as it was.
 */

/** The ```markdown example of README.md's "Content format" whose front matter has `field:`. */
function readmeExample(field: string): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const found = [...readme.matchAll(/^```markdown\n(---\n[\s\S]*?)^```$/gm)].map((m) => m[1]!).find((text) => new RegExp(`^${field}:`, 'm').test(text));
  if (!found) throw new Error(`README.md has no markdown example with ${field}:`);
  return found;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-readme-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A real site (no exampleAnchor) with the components the README's examples name. */
function site(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'site.yaml'), 'name: Example\nurl: https://status.example.com\ncomponents:\n  - id: api\n    name: API\n  - id: database\n    name: Database\n');
  return dir;
}

/** `text` with `lines` added just before the front matter's closing `---`. */
function withLines(text: string, lines: string): string {
  const close = text.indexOf('\n---\n') + 1;
  return text.slice(0, close) + lines + text.slice(close);
}

describe("the README's incident example, edited by every incident command", () => {
  it('update (with --impact and --component), resolve, then a postmortem: only their own bytes change', async () => {
    const dir = site('incident');
    const example = readmeExample('impact');
    expect(example).toContain('components: { api: operational }            # optional');
    // The example as it reads while still open: its last update says monitoring instead of resolved.
    const open = example.replace('    status: resolved\n', '    status: monitoring\n');
    const file = path.join(dir, 'incidents', '2026-03-14-elevated-api-error-rates.md');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, open);
    const run = async (args: string[], input?: string) => {
      const result = await outpost([...args, '--content', dir], { input, env: { OUTPOST_NOW: '2026-03-14T15:00:00Z' } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return fs.readFileSync(file, 'utf8');
    };

    const updated = await run(['incident', 'update', 'elevated-api-error-rates', '--status', 'identified', '--impact', 'critical', '--component', 'api=major_outage', '--at', '2026-03-14T12:00:00Z', '--message', 'It got worse.']);
    const afterUpdate = withLines(
      open.replace('impact: major                      # none', 'impact: critical                      # none'),
      '  - at: 2026-03-14T12:00:00Z\n    status: identified\n    message: It got worse.\n    components:\n      api: major_outage\n',
    );
    expect(updated).toBe(afterUpdate);

    const resolved = await run(['incident', 'resolve', 'elevated-api-error-rates', '--at', '2026-03-14T13:00:00Z', '--message', 'Fixed: a bad deploy was rolled back.']);
    const afterResolve = withLines(afterUpdate, '  - at: 2026-03-14T13:00:00Z\n    status: resolved\n    message: "Fixed: a bad deploy was rolled back."\n    components:\n      api: operational\n');
    expect(resolved).toBe(afterResolve);

    const postmortem = await run(['incident', 'update', '2026-03-14-elevated-api-error-rates', '--status', 'postmortem', '--at', '2026-03-14T14:00:00Z', '--message-file', '-'], 'What happened:\n\n- a deploy\n- a rollback\n');
    expect(postmortem).toBe(withLines(afterResolve, '  - at: 2026-03-14T14:00:00Z\n    status: postmortem\n    message: |-\n      What happened:\n\n      - a deploy\n      - a rollback\n'));

    // The README's example itself, resolved as written: a postmortem and a new impact are its only changes.
    fs.writeFileSync(file, example);
    const onExample = await run(['incident', 'update', 'elevated-api-error-rates', '--status', 'postmortem', '--impact', 'minor', '--at', '2026-03-14T12:00:00Z', '--message', 'Root cause found.']);
    expect(onExample).toBe(
      withLines(example.replace('impact: major                      # none', 'impact: minor                      # none'), '  - at: 2026-03-14T12:00:00Z\n    status: postmortem\n    message: Root cause found.\n'),
    );
    expect(await outpost(['validate', '--content', dir])).toMatchObject({ code: 0 });
  }, slow);
});

describe("the README's maintenance example, edited by every maintenance command", () => {
  it('update (with --start and --end) and cancel: only their own bytes change', async () => {
    const dir = site('maintenance');
    const example = readmeExample('start');
    const file = path.join(dir, 'maintenance', '2026-03-20-database-version-upgrade.md');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, example);
    const run = async (args: string[], now: string) => {
      const result = await outpost([...args, '--content', dir], { env: { OUTPOST_NOW: now } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return fs.readFileSync(file, 'utf8');
    };

    const moved = await run(['maintenance', 'update', 'database-version-upgrade', '--status', 'verifying', '--start', '2026-03-20T01:30:00Z', '--end', '2026-03-20T05:00:00+01:00', '--message', 'Checking replicas.'], '2026-03-20T02:30:00Z');
    // 05:00+01:00 is the end already written (04:00Z): it is written again, the same bytes.
    const afterMove = withLines(example.replace('start: 2026-03-20T02:00:00Z', 'start: 2026-03-20T01:30:00Z'), '  - at: 2026-03-20T02:30:00Z\n    status: verifying\n    message: Checking replicas.\n');
    expect(moved).toBe(afterMove);

    const later = await run(['maintenance', 'update', 'database-version-upgrade', '--end', '2026-03-20T06:00:00Z', '--message', 'One more hour.'], '2026-03-20T03:00:00Z');
    const afterLater = withLines(afterMove.replace('end: 2026-03-20T04:00:00Z', 'end: 2026-03-20T06:00:00Z'), '  - at: 2026-03-20T03:00:00Z\n    message: One more hour.\n');
    expect(later).toBe(afterLater);

    const cancelled = await run(['maintenance', 'cancel', 'database-version-upgrade', '--message', 'Rolled back; a new date follows.'], '2026-03-20T03:30:00Z');
    expect(cancelled).toBe(withLines(afterLater, '  - at: 2026-03-20T03:30:00Z\n    status: cancelled\n    message: Rolled back; a new date follows.\n'));
    expect(await outpost(['validate', '--content', dir])).toMatchObject({ code: 0 });
  }, slow);
});
