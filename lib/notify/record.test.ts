import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addIncidentUpdate, copyFixture, fixtureData } from '../publish/fixtures/fixture';
import { outboxFile } from './outbox';
import { recordPublished } from './record';

let dir: string;
let content: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-record-'));
  content = copyFixture();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(content, { recursive: true, force: true });
});

const halfPast = new Date('2026-06-10T13:30:00Z');

describe('recordPublished', () => {
  it('does nothing where notifications are not set up (no notify folder)', async () => {
    const notify = path.join(dir, 'notify');
    expect(await recordPublished(notify, fixtureData(halfPast, content), halfPast)).toBe(0);
    expect(fs.existsSync(notify)).toBe(false);
  });

  it('the first publish sets the baseline; each later one records only what it newly published, once', async () => {
    const outbox = outboxFile(dir);
    expect(await recordPublished(dir, fixtureData(halfPast, content), halfPast)).toBe(0);
    const baseline = await outbox.read();
    expect(baseline.events).toEqual([]);
    expect(Object.keys(baseline.seen).length).toBeGreaterThan(3);
    expect(baseline.published?.components.api).toBeDefined();

    addIncidentUpdate(content, '2026-06-10-api-errors', '  - at: 2026-06-10T13:20:00Z\n    status: resolved\n    message: Fixed.\n    components:\n      api: operational\n      db: operational');
    const data = fixtureData(halfPast, content);
    const recorded = await recordPublished(dir, data, halfPast);
    const { events } = await outbox.read();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['incident.resolved', 'component.updated']));
    expect(recorded).toBe(events.length);
    expect(events.find((e) => e.kind === 'incident.resolved')).toMatchObject({ id: expect.stringContaining('2026-06-10-api-errors'), url: expect.stringContaining('/incidents/2026-06-10-api-errors') });

    // Publishing the same again records nothing.
    expect(await recordPublished(dir, data, halfPast)).toBe(0);
    expect((await outbox.read()).events).toHaveLength(events.length);
  });
});
