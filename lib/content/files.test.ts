import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from '.';

/* What fixtures in git cannot hold: special files, an unreadable file, content/ itself a link or a file. */

let dir: string;
const site = 'name: T\nurl: https://status.t.example\ncomponents:\n  - id: api\n    name: API\n';
const incident = '---\ntitle: Down\nimpact: minor\nupdates:\n  - at: 2026-03-14T10:00:00Z\n    status: investigating\n    message: Looking.\n---\n';
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
};
const lines = (contentDir = 'content', options: Parameters<typeof checkContent>[1] = {}) => {
  const { problems, warnings } = checkContent(contentDir, { cwd: dir, ...options });
  return [...problems, ...warnings].map(formatProblem);
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-files-'));
  write('content/site.yaml', site);
  write('content/incidents/2026-03-14-down.md', incident);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('content files', () => {
  it('a named pipe where an entry should be is an error, and is never opened (it would block)', () => {
    expect(spawnSync('mkfifo', [path.join(dir, 'content/incidents/2026-03-15-pipe.md')]).status).toBe(0);
    expect(lines()).toEqual(['content/incidents/2026-03-15-pipe.md:1:1 expected a file, got a special file (a pipe, socket or device)']);
  });

  it('content/ may itself be a link; paths in messages stay relative', () => {
    fs.symlinkSync('content', path.join(dir, 'linked'));
    write('content/incidents/2026-03-15-bad.md', incident.replace('minor', 'Minor'));
    expect(lines('linked')).toEqual(['linked/incidents/2026-03-15-bad.md:3:9 impact: expected none | minor | major | critical, got "Minor" (did you mean "minor"?)']);
  });

  it('content/ as a file, or incidents/ as a file, is said so without an absolute path', () => {
    write('plain', 'x');
    expect(lines('plain')).toEqual(['plain:1:1 expected a folder, got a file']);
    fs.rmSync(path.join(dir, 'content/incidents'), { recursive: true });
    write('content/incidents', 'x');
    expect(lines()).toEqual(['content/incidents:1:1 expected a folder, got a file']);
  });

  it('the working directory itself as content is "."', () => {
    expect(checkContent('.', { cwd: path.join(dir, 'content') }).problems).toEqual([]);
    fs.rmSync(path.join(dir, 'content/site.yaml'));
    expect(lines('.', { cwd: path.join(dir, 'content') })).toEqual(['site.yaml:1:1 expected a site file, got nothing (create content/site.yaml)']);
  });

  it('a file a command is about to write is read from the write, in a folder not yet made', () => {
    const file = path.join(dir, 'content/maintenance/2026-03-20-work.md');
    const text = '---\ntitle: Work\ncomponents: [api]\nstart: 2026-03-20T02:00:00Z\nend: 2026-03-20T02:00:00Z\n---\n';
    expect(lines('content', { files: new Map([[file, text]]) })).toEqual([
      'content/maintenance/2026-03-20-work.md:5:6 end: expected a time after start (2026-03-20T02:00:00.000Z), got "2026-03-20T02:00:00.000Z"',
    ]);
  });

  it('no message carries the absolute path of the machine', () => {
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'content/incidents/2026-03-16-gone.md'));
    fs.mkdirSync(path.join(dir, 'content/incidents/2026-03-17-dir.md'));
    write('content/maintenance/sub/deeper/note.md', 'x');
    const all = lines();
    expect(all).toHaveLength(3);
    for (const line of all) expect(line).not.toContain(dir);
  });

  it('an unknown folder is reported file by file, a hidden folder in it as one line, and a link to a .md in content/ is an error', () => {
    write('content/drafts/2026-03-18-idea.md', incident);
    write('content/drafts/.obsidian/workspace.json', '{}');
    write('content/drafts/.obsidian/app.json', '{}');
    fs.symlinkSync('incidents/2026-03-14-down.md', path.join(dir, 'content/2026-03-19-linked.md'));
    expect(lines()).toEqual([
      'content/2026-03-19-linked.md:1:1 not read: an incident or maintenance file belongs in incidents/ or maintenance/',
      'content/drafts/.obsidian:1:1 warning: not read: Outpost reads only site.yaml, incidents/*.md and maintenance/*.md',
      'content/drafts/2026-03-18-idea.md:1:1 warning: not read: Outpost reads only site.yaml, incidents/*.md and maintenance/*.md',
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable entry is an error at its file (skipped as root, who can read anything)', () => {
    fs.chmodSync(path.join(dir, 'content/incidents/2026-03-14-down.md'), 0o000);
    expect(lines()).toEqual(['content/incidents/2026-03-14-down.md:1:1 cannot be read (permission denied)']);
  });
});
