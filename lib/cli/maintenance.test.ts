import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../content';
import { maintenanceState } from '../status';
import { outpost, slow, snapshot, tempContent, withoutAnchor } from './testing';

const at = (iso: string) => ({ OUTPOST_NOW: iso });

describe('outpost maintenance new → update → cancel', () => {
  it('schedules a window, moves its end, cancels it, and the site reads it as cancelled', async () => {
    const dir = tempContent(withoutAnchor);
    const file = path.join(dir, 'maintenance', '2026-11-25-queue-upgrade.md');
    const created = await outpost(
      ['maintenance', 'new', '--content', dir, '--title', 'Queue upgrade', '--component', 'webhooks', '--component', 'api', '--start', '2026-11-25T03:00:00+01:00', '--end', '2026-11-25T03:00:00Z', '--message', 'Webhook deliveries pause for up to **ten minutes**.'],
      { env: at('2026-11-23T12:00:00Z') },
    );
    expect(created.code).toBe(0);
    const scheduled = `---
title: Queue upgrade
components:
  - webhooks
  - api
start: 2026-11-25T02:00:00Z
end: 2026-11-25T03:00:00Z
description: Webhook deliveries pause for up to **ten minutes**.
---
`;
    expect(fs.readFileSync(file, 'utf8')).toBe(scheduled);

    const updated = await outpost(['maintenance', 'update', 'queue-upgrade', '--content', dir, '--end', '2026-11-25T04:00:00Z', '--message', 'We need another hour.'], {
      env: at('2026-11-24T08:00:00Z'),
    });
    expect(updated.code).toBe(0);
    const cancelled = await outpost(['maintenance', 'cancel', '2026-11-25-queue-upgrade', '--content', dir], { env: at('2026-11-24T09:00:00Z') });
    expect(cancelled).toMatchObject({ code: 0, stderr: '' });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      scheduled.replace('end: 2026-11-25T03:00:00Z', 'end: 2026-11-25T04:00:00Z').replace(
        /---\n$/,
        `updates:
  - at: 2026-11-24T08:00:00Z
    message: We need another hour.
  - at: 2026-11-24T09:00:00Z
    status: cancelled
    message: This maintenance has been cancelled.
---
`,
      ),
    );
    const window = loadContent(dir).maintenance.find((m) => m.id === '2026-11-25-queue-upgrade')!;
    expect(maintenanceState(window, new Date('2026-11-25T02:30:00Z'))).toBe('cancelled');
  }, slow);

  it('adds to a flow-style list and keeps the rest of a hand-written file', async () => {
    const dir = tempContent(withoutAnchor);
    const file = path.join(dir, 'maintenance', '2026-11-23-database-upgrade.md');
    const before = fs.readFileSync(file, 'utf8');
    const result = await outpost(['maintenance', 'update', 'database-upgrade', '--content', dir, '--status', 'verifying', '--message-file', '-'], {
      env: at('2026-11-23T12:15:00Z'),
      input: 'Checking replication.\n',
    });
    expect(result.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(before.replace(/---\n$/, '  - at: 2026-11-23T12:15:00Z\n    status: verifying\n    message: Checking replication.\n---\n'));
  }, slow);
});

describe('refused maintenance input changes nothing', () => {
  const cases: { name: string; args: string[]; code: 1 | 2; says: string }[] = [
    { name: 'an end before the start', args: ['maintenance', 'new', '--title', 'X', '--component', 'api', '--start', '2026-11-25T03:00:00Z', '--end', '2026-11-25T02:00:00Z'], code: 1, says: 'end: expected a time after start (2026-11-25T03:00:00.000Z), got "2026-11-25T02:00:00.000Z"' },
    { name: 'an unknown component', args: ['maintenance', 'new', '--title', 'X', '--component', 'databse', '--start', '2026-11-25T03:00:00Z', '--end', '2026-11-25T04:00:00Z'], code: 1, says: 'components[0]: unknown component "databse" (did you mean "database"?)' },
    { name: 'cancelling a completed window', args: ['maintenance', 'cancel', 'network-maintenance'], code: 1, says: 'refused: 2026-11-16-network-maintenance is already completed' },
    { name: 'an unknown status', args: ['maintenance', 'update', 'database-upgrade', '--status', 'done', '--message', 'x'], code: 1, says: 'updates[1].status: expected scheduled | in_progress | verifying | completed | cancelled, got "done"' },
    { name: 'a missing --start without a terminal', args: ['maintenance', 'new', '--title', 'X', '--component', 'api', '--end', '2026-11-25T04:00:00Z'], code: 2, says: 'error: missing --start' },
    { name: 'a missing --component without a terminal', args: ['maintenance', 'new', '--title', 'X', '--start', '2026-11-25T03:00:00Z', '--end', '2026-11-25T04:00:00Z'], code: 2, says: 'error: missing --component' },
  ];

  it.concurrent.each(cases)('$name: exit $code', async ({ args, code, says }) => {
    const dir = tempContent(withoutAnchor);
    const before = snapshot(dir);
    const result = await outpost([...args, '--content', dir], { env: at('2026-11-23T12:30:00Z') });
    expect(result.stderr).toContain(says);
    expect(result.code).toBe(code);
    expect(snapshot(dir)).toEqual(before);
  }, slow);
});
