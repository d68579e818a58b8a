import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outpost, repoRoot, slow, tempContent } from './testing';

describe('outpost --help', () => {
  const commands = [
    ['init'],
    ['validate'],
    ['build'],
    ['serve'],
    ['preview'],
    ['ping'],
    ['incident', 'new'],
    ['incident', 'update'],
    ['incident', 'resolve'],
    ['incident', 'list'],
    ['maintenance', 'new'],
    ['maintenance', 'update'],
    ['maintenance', 'cancel'],
  ];
  it.concurrent.each(commands.map((c) => [c.join(' ')]))('outpost %s --help shows an example and exits 0', async (command) => {
    const result = await outpost([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: outpost ${command}`);
    expect(result.stdout).toMatch(new RegExp(`\\nExample:\\n {2}\\$ outpost ${command.split(' ')[0]}\\b`));
  }, slow);
});

describe('outpost validate', () => {
  it('--json lists every problem with file, line and column, and exits 1', async () => {
    const dir = tempContent();
    fs.writeFileSync(path.join(dir, 'incidents', '2026-11-20-typo.md'), '---\ntitle: Typo\nimpact: huge\ncomponents:\n  apii: major_outage\nupdates:\n  - at: 2026-11-20 10:00\n    status: investigating\n    message: x\n---\n');
    const file = path.relative(repoRoot, path.join(dir, 'incidents', '2026-11-20-typo.md'));
    const result = await outpost(['validate', '--json', '--content', dir]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: false,
      problems: [
        { file, line: 3, col: 9, field: 'impact', message: 'expected none | minor | major | critical, got "huge"' },
        { file, line: 5, col: 3, field: 'components.apii', message: 'unknown component "apii" (did you mean "api"?)' },
        { file, line: 7, col: 9, field: 'updates[0].at', message: 'a time needs an offset or Z, got "2026-11-20 10:00"' },
      ],
    });
    const text = await outpost(['validate', '--content', dir]);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe(
      `${file}:3:9 impact: expected none | minor | major | critical, got "huge"\n` +
        `${file}:5:3 components.apii: unknown component "apii" (did you mean "api"?)\n` +
        `${file}:7:9 updates[0].at: a time needs an offset or Z, got "2026-11-20 10:00"\n\n3 problems found.\n`,
    );
  }, slow);

  it('--json says valid and exits 0 for the shipped example', async () => {
    const result = await outpost(['validate', '--json', '--content', tempContent()]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ valid: true, problems: [] });
  }, slow);
});
