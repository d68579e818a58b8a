import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadContent } from '../content';
import { outpost, slow, tempContent, withoutAnchor } from './testing';

it('updates to one incident from many processes at once all land, none lost, in the order they were written', async () => {
  const dir = tempContent(withoutAnchor);
  // Posted long ago, so the real clock (read under the lock) is always later, whatever today is.
  const posted = await outpost(['incident', 'new', '--content', dir, '--title', 'Busy night', '--impact', 'minor', '--message', 'Looking.', '--at', '2000-01-01T00:00:00Z']);
  expect(posted.code).toBe(0);

  const writers = 8;
  const results = await Promise.all(
    Array.from({ length: writers }, (_, i) =>
      outpost(['incident', 'update', 'busy-night', '--content', dir, '--status', 'monitoring', '--component', `api=${i % 2 ? 'degraded_performance' : 'operational'}`, '--message', `update ${i}`]),
    ),
  );
  for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });

  const incident = loadContent(dir).incidents.find((i) => i.id === '2000-01-01-busy-night')!;
  const messages = incident.updates.slice(1).map((u) => u.message);
  expect([...messages].sort()).toEqual(Array.from({ length: writers }, (_, i) => `update ${i}`).sort());
  expect(await outpost(['validate', '--content', dir])).toMatchObject({ code: 0 });
  // No lock or temp file is left behind.
  expect(fs.readdirSync(path.join(dir, 'incidents')).filter((name) => name.startsWith('.'))).toEqual([]);
}, slow);
