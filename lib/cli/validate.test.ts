import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outpost, repoRoot, slow, tempContent } from './testing';

describe('outpost validate: files not read', () => {
  it('warns about a file it does not read and still exits 0; a misspelt folder is an error and exits 1', async () => {
    const dir = tempContent((d) => fs.writeFileSync(path.join(d, 'notes.txt'), 'todo\n'));
    const rel = path.relative(repoRoot, dir);
    const warning = `${rel}/notes.txt:1:1 warning: not read: Outpost reads only site.yaml, incidents/*.md and maintenance/*.md`;

    const warned = await outpost(['validate', '--content', dir]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toBe(`${warning}\n`);
    expect(warned.stdout).toMatch(/^content is valid: .* 1 file not read: see the warnings above\.\n$/);

    const incident = fs.readdirSync(path.join(dir, 'incidents'))[0]!;
    fs.mkdirSync(path.join(dir, 'incident'));
    fs.renameSync(path.join(dir, 'incidents', incident), path.join(dir, 'incident', incident));
    const refused = await outpost(['validate', '--content', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`${warning}\n${rel}/incident/${incident}:1:1 not read: Outpost reads no folder "incident" (did you mean "incidents"?)\n\n1 problem found (and 1 warning).\n`);

    const json = await outpost(['validate', '--json', '--content', dir]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: false,
      problems: [{ file: `${rel}/incident/${incident}`, line: 1, col: 1 }],
      warnings: [{ file: `${rel}/notes.txt`, line: 1, col: 1, severity: 'warning' }],
    });
  }, slow);
});
