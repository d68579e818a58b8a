import { describe, expect, test } from 'vitest';
import { addIncidentUpdate, copyFixture, fixtureData, fixtureNow } from '@/lib/publish/fixtures/fixture';
import { buildStamp, buildStampSchema } from './build-stamp';
import { outputs } from './outputs';

describe('/build.json', () => {
  test('the same inputs read twice give the same id; it parses with its own schema', () => {
    const a = buildStamp(fixtureData());
    const b = buildStamp(fixtureData());
    expect(a).toEqual(b);
    expect(buildStampSchema.parse(a)).toEqual({ id: a.id, builtAt: '2026-06-10T12:00:00.000Z' });
  });

  test('another moment or an edited incident is another build', () => {
    const base = buildStamp(fixtureData()).id;
    expect(buildStamp(fixtureData(new Date(fixtureNow.getTime() + 60_000))).id).not.toBe(base);
    const dir = copyFixture();
    const before = buildStamp(fixtureData(fixtureNow, dir)).id;
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out.');
    expect(buildStamp(fixtureData(fixtureNow, dir)).id).not.toBe(before);
  });

  test('is the registry kind the writer and the Next route render', () => {
    const data = fixtureData();
    const kind = outputs.build;
    expect(kind.route).toBe('/build.json');
    expect(JSON.parse(kind.render(kind.input(data, {}), '') as string)).toEqual(buildStamp(fixtureData()));
  });
});
