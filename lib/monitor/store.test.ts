import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { because, recorded, type Reason } from '../status/reason';
import { storeVersion, type Result, type StoreData } from './schema';
import { fileIdentity } from '../files';
import { applyResults, defaultLimits, emptyStore, forgetStore, migrate, parseStore, readStoreSync, Store, StoreError, validNoteFile } from './store';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const rules = { failuresToOpen: 2, successesToClose: 1 };
const intervals = new Map([['api', 60]]);

function result(at: string, verdict: Result['verdict'], totalMs = 100, checkId = 'api'): Result {
  return { at, checkId, componentId: checkId, location: 'eu-1', verdict, reason: verdict === 'down' ? 'HTTP 503 (expected 2xx)' : 'HTTP 200', attempts: 1, phases: { totalMs } };
}

describe('store', () => {
  it('keeps results, rollups, outages and confirmation across writes and reads', async () => {
    const file = path.join(dir, 'data', 'eu-1.json');
    const store = new Store({ file, location: 'eu-1', rules });
    const rounds: [string, Result['verdict'], number][] = [
      ['2026-11-22T23:57:00.000Z', 'up', 100],
      ['2026-11-22T23:58:00.000Z', 'down', 0],
      ['2026-11-22T23:59:00.000Z', 'down', 0],
      ['2026-11-23T00:00:00.000Z', 'down', 0],
      ['2026-11-23T00:01:00.000Z', 'degraded', 3000],
      ['2026-11-23T00:02:00.000Z', 'up', 120],
    ];
    const events = [];
    for (const [at, verdict, ms] of rounds) events.push(...(await store.record([result(at, verdict, ms)], intervals, new Date(at))));
    expect(events.map((e) => [e.type, e.outage.startedAt, e.outage.endedAt])).toEqual([
      ['opened', '2026-11-22T23:58:00.000Z', null],
      ['closed', '2026-11-22T23:58:00.000Z', '2026-11-23T00:01:00.000Z'],
    ]);

    const data = readStoreSync(file)!;
    expect(data.version).toBe(storeVersion);
    expect(data.results).toHaveLength(6);
    expect(data.daily.api!['2026-11-22']).toMatchObject({ checks: 3, failures: 2, degraded: 0, minutesDown: 2, latencyP50Ms: expect.closeTo(100, -1) });
    expect(data.daily.api!['2026-11-23']).toMatchObject({ checks: 3, failures: 1, degraded: 1, minutesDown: 1 });
    expect(data.daily.api!['2026-11-23']!.latencyP95Ms).toBeGreaterThan(2_700);
    expect(data.outages).toEqual([
      { checkId: 'api', componentId: 'api', startedAt: '2026-11-22T23:58:00.000Z', confirmedAt: '2026-11-22T23:59:00.000Z', endedAt: '2026-11-23T00:01:00.000Z', reason: 'HTTP 503 (expected 2xx)' },
    ]);
    expect(data.checks.api).toMatchObject({ status: 'up', since: '2026-11-23T00:02:00.000Z', intervalSeconds: 60 });

    // A second pinger (a new process) picks up the confirmation state from the file.
    const again = new Store({ file, location: 'eu-1', rules });
    await again.record([result('2026-11-23T00:03:00.000Z', 'down')], intervals, new Date('2026-11-23T00:03:00Z'));
    const opened = await again.record([result('2026-11-23T00:04:00.000Z', 'down')], intervals, new Date('2026-11-23T00:04:00Z'));
    expect(opened.map((e) => e.type)).toEqual(['opened']);
    expect(readStoreSync(file)!.daily.api!['2026-11-23']!.minutesDown).toBe(2);
  });

  it('a data file is validated once per identity, across processes: one noted valid as it is now is not validated again', async () => {
    const file = path.join(dir, 'eu-1.json');
    const store = new Store({ file, location: 'eu-1', rules });
    await store.record([result('2026-11-23T00:00:00.000Z', 'up')], intervals, new Date('2026-11-23T00:00:00Z'));
    // The pinger noted the file it wrote.
    const note = JSON.parse(fs.readFileSync(validNoteFile(file), 'utf8')) as { code: string; identity: string };
    expect(note.identity).toBe(fileIdentity(fs.statSync(file)));
    // Validating gives the file's data as it is (the schema sets no default and transforms nothing): what a read of a
    // noted file gives without validating.
    const text = fs.readFileSync(file, 'utf8');
    expect(parseStore(text, file)).toEqual(JSON.parse(text));
    // A file JSON can read but the schema refuses: refused, whatever note an older identity has.
    fs.writeFileSync(file, JSON.stringify({ ...emptyStore('eu-1'), results: [{ checkId: 'api', verdict: 'sideways' }] }));
    forgetStore(file);
    expect(() => readStoreSync(file)).toThrow(StoreError);
    // Noted valid as it is now (what the note of a validated file says): read without validating, as another process would.
    fs.writeFileSync(validNoteFile(file), JSON.stringify({ ...note, identity: fileIdentity(fs.statSync(file)) }));
    forgetStore(file);
    expect(readStoreSync(file)!.results).toEqual([{ checkId: 'api', verdict: 'sideways' }]);
    // A note of other code (an upgrade) is not trusted.
    fs.writeFileSync(validNoteFile(file), JSON.stringify({ code: 'older code', identity: fileIdentity(fs.statSync(file)) }));
    forgetStore(file);
    expect(() => readStoreSync(file)).toThrow(StoreError);
  });

  it('a reader parses a data file again only when it changed; what it gets is always what the file holds', async () => {
    const file = path.join(dir, 'eu-1.json');
    const store = new Store({ file, location: 'eu-1', rules });
    await store.record([result('2026-11-23T00:00:00.000Z', 'up')], intervals, new Date('2026-11-23T00:00:00Z'));
    const read = readStoreSync(file)!;
    expect(read).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(readStoreSync(file)).toBe(read); // unchanged: not parsed again
    forgetStore(file);
    const reread = readStoreSync(file)!;
    expect(reread).not.toBe(read); // forgotten: read and parsed again (validated once per identity: below)
    expect(reread).toEqual(read);
    expect(readStoreSync(file)).toBe(reread);
    await store.record([result('2026-11-23T00:01:00.000Z', 'down')], intervals, new Date('2026-11-23T00:01:00Z'));
    expect(readStoreSync(file)!.results).toHaveLength(2);
    // Another writer, or a hand edit in place: read again, and validated again.
    fs.writeFileSync(file, JSON.stringify(emptyStore('eu-1')));
    expect(readStoreSync(file)!.results).toEqual([]);
    fs.writeFileSync(file, '{"version":1,"location":"eu-1","checks":{');
    expect(() => readStoreSync(file)).toThrow(StoreError);
    fs.rmSync(file);
    expect(readStoreSync(file)).toBeNull();
  });

  it('leaves no temp file behind', async () => {
    const file = path.join(dir, 'eu-1.json');
    fs.writeFileSync(path.join(dir, '.eu-1.json.999.abcd.tmp'), 'half a write from a killed pinger');
    await new Store({ file, location: 'eu-1', rules }).record([result('2026-11-23T00:00:00.000Z', 'up')], intervals);
    expect(fs.readdirSync(dir).sort()).toEqual(['eu-1.json']);
  });

  const unusable = [
    { name: 'truncated JSON', text: '{"version":1,"location":"eu-1","checks":{', error: /^(.*)eu-1\.json: not valid JSON \(.*\); it was left as it is$/ },
    { name: 'a foreign JSON file', text: '{"name":"my-app","dependencies":{}}', error: /eu-1\.json: not an Outpost data file \(no "version" field\); it was left as it is$/ },
    { name: 'a newer format', text: '{"version":7}', error: /eu-1\.json: written by a newer Outpost \(format 7; this one reads up to 3\); it was left as it is$/ },
    { name: 'a damaged rollup', text: JSON.stringify({ ...emptyStore('eu-1'), daily: { api: { '2026-11-23': { checks: -1 } } } }), error: /eu-1\.json: not a valid Outpost data file: daily\.api\.2026-11-23\.checks: .*; it was left as it is$/ },
    { name: 'another location', text: JSON.stringify(emptyStore('us-1')), error: /eu-1\.json: belongs to location "us-1", not "eu-1"; it was left as it is$/ },
  ];
  it.each(unusable)('reports $name, names the file and keeps it byte for byte', async ({ text, error }) => {
    const file = path.join(dir, 'eu-1.json');
    fs.writeFileSync(file, text);
    const store = new Store({ file, location: 'eu-1', rules });
    const failure = await store.record([result('2026-11-23T00:00:00.000Z', 'up')], intervals).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toMatch(error);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.readdirSync(dir)).toEqual(['eu-1.json']);
  });

  it('migrates an older format in steps and refuses one it cannot', () => {
    const table = { 0: (d: Record<string, unknown>) => ({ ...d, outages: d.incidents ?? [] }) };
    expect(migrate({ version: 0, incidents: [1] }, 'x.json', table, 1)).toEqual({ version: 1, incidents: [1], outages: [1] });
    expect(() => migrate({ version: -1 }, 'x.json', table, 1)).toThrow('x.json: format -1 cannot be migrated (no migration from it); it was left as it is');
  });

  it('reads a format 1 file (written before results[].lastAttemptAt) as it is', () => {
    const file = path.join(dir, 'eu-1.json');
    const old = { ...emptyStore('eu-1'), version: 1, results: [result('2026-11-23T00:00:00.000Z', 'up')] };
    fs.writeFileSync(file, JSON.stringify(old));
    expect(readStoreSync(file)).toEqual({ ...old, version: storeVersion });
  });

  it('reads a format 2 file (reasons in English only) as format 3, and records new rounds with their reasons in parts', async () => {
    const file = path.join(dir, 'eu-1.json');
    const store = new Store({ file, location: 'eu-1', rules });
    const english = (at: string, verdict: Result['verdict']) => result(at, verdict); // no `why`, as format 2 wrote
    const format2 = emptyStore('eu-1');
    applyResults(format2, [english('2026-11-23T00:00:00.000Z', 'down'), english('2026-11-23T00:01:00.000Z', 'down')], intervals, rules, new Date('2026-11-23T00:01:00Z'));
    const text = JSON.stringify({ ...format2, version: 2 });
    expect(text).not.toContain('"why"');
    fs.writeFileSync(file, text);

    const read = readStoreSync(file)!;
    expect(read).toEqual({ ...format2, version: 3 });
    expect(read.outages).toEqual([expect.objectContaining({ reason: 'HTTP 503 (expected 2xx)' })]);
    expect(read.outages[0]).not.toHaveProperty('why');

    // The pinger carries on in the same file: a new round has both forms, the old records keep theirs.
    const why = [because.timeoutResponse(10_000)];
    await store.record([{ ...result('2026-11-23T00:02:00.000Z', 'down'), ...recorded(why) }], intervals, new Date('2026-11-23T00:02:00Z'));
    const after = readStoreSync(file)!;
    expect(after.version).toBe(3);
    expect(after.results.map((r) => [r.reason, r.why ?? null])).toEqual([
      ['HTTP 503 (expected 2xx)', null],
      ['HTTP 503 (expected 2xx)', null],
      ['timeout: no response within 10000 ms', why],
    ]);
    expect(after.checks.api).toMatchObject({ reason: 'timeout: no response within 10000 ms', why });
  });

  it('records an outage with the reason in parts of the round that confirmed it', () => {
    const data = emptyStore('eu-1');
    const down = (at: string, why: Reason) => ({ ...result(at, 'down'), ...recorded(why) });
    const events = applyResults(data, [down('2026-11-23T00:00:00.000Z', [because.http(200)]), down('2026-11-23T00:01:00.000Z', [because.plain('reason.connectionRefused')])], intervals, rules, new Date('2026-11-23T00:01:00Z'));
    expect(events.map((e) => [e.outage.reason, e.outage.why])).toEqual([['connection refused', [because.plain('reason.connectionRefused')]]]);
    expect(parseStore(JSON.stringify(data), 'eu-1.json').outages).toEqual(data.outages);
  });

  it('refuses a format 3 file whose reason names no known message, and leaves it as it is', () => {
    const data = { ...emptyStore('eu-1'), results: [{ ...result('2026-11-23T00:00:00.000Z', 'up'), why: [{ key: 'reason.fromTheFuture' }] }] };
    expect(() => parseStore(JSON.stringify(data), 'eu-1.json')).toThrow(/^eu-1\.json: not a valid Outpost data file: results\.0\.why\.0\.key: .*; it was left as it is$/);
  });

  it('stays bounded by checks × days however many rounds run', () => {
    const data = emptyStore('eu-1');
    const start = Date.parse('2025-01-01T00:00:00Z');
    const days = 450;
    const checks = ['a', 'b', 'c'];
    const perCheck = new Map(checks.map((c) => [c, 3600]));
    // One round per hour for 450 days, one write a day.
    for (let d = 0; d < days; d++) {
      const round: Result[] = [];
      for (let h = 0; h < 24; h++) {
        const at = new Date(start + d * 86_400_000 + h * 3_600_000).toISOString();
        for (const c of checks) round.push(result(at, h === 3 && d % 30 === 0 ? 'down' : 'up', 50 + h, c));
      }
      applyResults(data, round, perCheck, { failuresToOpen: 1, successesToClose: 1 }, new Date(start + (d + 1) * 86_400_000 - 1));
    }
    expect(data.results).toHaveLength(checks.length * defaultLimits.resultsPerCheck);
    for (const c of checks) expect(Object.keys(data.daily[c]!)).toHaveLength(defaultLimits.rollupDays);
    expect(data.outages.length).toBeLessThanOrEqual(checks.length * Math.ceil(defaultLimits.rollupDays / 30));
    expect(parseStore(JSON.stringify(data), 'x.json')).toEqual(data);
  });
});

describe('outage dates: it starts when the first failing check started and ends when the first successful check started', () => {
  /** A round: when its first attempt started, its verdict, and when its last attempt started after retries. */
  type Round = [at: string, verdict: Result['verdict'], lastAttemptAt?: string];
  const round = ([at, verdict, lastAttemptAt]: Round): Result => ({
    ...result(at, verdict),
    ...(lastAttemptAt && { lastAttemptAt, attempts: 3 }),
  });
  const cases: { name: string; rules: [number, number]; rounds: Round[]; startedAt: string; confirmedAt: string; endedAt: string; minutesDown: Record<string, number> }[] = [
    {
      name: 'a check that succeeds at its first attempt',
      rules: [2, 1],
      rounds: [['2026-11-23T10:00:00.000Z', 'down', '2026-11-23T10:00:24.400Z'], ['2026-11-23T10:01:00.250Z', 'down'], ['2026-11-23T10:02:00.500Z', 'up']],
      startedAt: '2026-11-23T10:00:00.000Z',
      confirmedAt: '2026-11-23T10:01:00.250Z',
      endedAt: '2026-11-23T10:02:00.500Z',
      minutesDown: { '2026-11-23': 2 }, // 120.5 s
    },
    {
      name: 'a round that succeeds on a retry ends it at the retry, not at the round start',
      rules: [2, 1],
      rounds: [['2026-11-23T10:00:00.000Z', 'down'], ['2026-11-23T10:01:00.000Z', 'down'], ['2026-11-23T10:02:00.000Z', 'up', '2026-11-23T10:02:24.731Z']],
      startedAt: '2026-11-23T10:00:00.000Z',
      confirmedAt: '2026-11-23T10:01:00.000Z',
      endedAt: '2026-11-23T10:02:24.731Z',
      minutesDown: { '2026-11-23': 2.4 }, // 144.731 s
    },
    {
      name: 'a degraded answer on a retry ends it too',
      rules: [2, 1],
      rounds: [['2026-11-23T10:00:00.000Z', 'down'], ['2026-11-23T10:01:00.000Z', 'down'], ['2026-11-23T10:02:00.000Z', 'degraded', '2026-11-23T10:02:12.003Z']],
      startedAt: '2026-11-23T10:00:00.000Z',
      confirmedAt: '2026-11-23T10:01:00.000Z',
      endedAt: '2026-11-23T10:02:12.003Z',
      minutesDown: { '2026-11-23': 2.2 }, // 132.003 s
    },
    {
      name: 'failures with retries start it at their first attempt',
      rules: [2, 1],
      rounds: [['2026-11-23T09:59:00.000Z', 'up'], ['2026-11-23T10:00:00.100Z', 'down', '2026-11-23T10:00:24.100Z'], ['2026-11-23T10:01:00.200Z', 'down', '2026-11-23T10:01:24.200Z'], ['2026-11-23T10:02:00.300Z', 'up']],
      startedAt: '2026-11-23T10:00:00.100Z',
      confirmedAt: '2026-11-23T10:01:00.200Z',
      endedAt: '2026-11-23T10:02:00.300Z',
      minutesDown: { '2026-11-23': 2 }, // 120.2 s
    },
    {
      name: 'two successes to close: the first of them, on its retry',
      rules: [2, 2],
      rounds: [['2026-11-23T10:00:00.000Z', 'down'], ['2026-11-23T10:01:00.000Z', 'down'], ['2026-11-23T10:02:00.000Z', 'up', '2026-11-23T10:02:13.500Z'], ['2026-11-23T10:03:00.000Z', 'up']],
      startedAt: '2026-11-23T10:00:00.000Z',
      confirmedAt: '2026-11-23T10:01:00.000Z',
      endedAt: '2026-11-23T10:02:13.500Z',
      minutesDown: { '2026-11-23': 2.2 }, // 133.5 s
    },
    {
      name: 'two successes to close, the first run broken by a failure',
      rules: [2, 2],
      rounds: [
        ['2026-11-23T10:00:00.000Z', 'down'],
        ['2026-11-23T10:01:00.000Z', 'down'],
        ['2026-11-23T10:02:00.000Z', 'up', '2026-11-23T10:02:11.000Z'],
        ['2026-11-23T10:03:00.000Z', 'down'],
        ['2026-11-23T10:04:00.000Z', 'up', '2026-11-23T10:04:20.250Z'],
        ['2026-11-23T10:05:00.000Z', 'up'],
      ],
      startedAt: '2026-11-23T10:00:00.000Z',
      confirmedAt: '2026-11-23T10:01:00.000Z',
      endedAt: '2026-11-23T10:04:20.250Z',
      minutesDown: { '2026-11-23': 4.3 }, // 260.25 s
    },
    {
      name: 'across midnight, minutes down split by day',
      rules: [2, 1],
      rounds: [['2026-11-22T23:58:30.000Z', 'down'], ['2026-11-22T23:59:30.000Z', 'down'], ['2026-11-23T00:00:30.000Z', 'up', '2026-11-23T00:00:55.500Z']],
      startedAt: '2026-11-22T23:58:30.000Z',
      confirmedAt: '2026-11-22T23:59:30.000Z',
      endedAt: '2026-11-23T00:00:55.500Z',
      minutesDown: { '2026-11-22': 1.5, '2026-11-23': 0.9 }, // 90 s and 55.5 s
    },
  ];

  it.each(cases)('$name', ({ rules: [failuresToOpen, successesToClose], rounds, startedAt, confirmedAt, endedAt, minutesDown }) => {
    const data = emptyStore('eu-1');
    const events = rounds.flatMap((r) => applyResults(data, [round(r)], intervals, { failuresToOpen, successesToClose }, new Date(r[2] ?? r[0])));
    const outage = { checkId: 'api', componentId: 'api', startedAt, confirmedAt, endedAt, reason: 'HTTP 503 (expected 2xx)' };
    expect(data.outages).toEqual([outage]);
    // What the log line and the alerts carry (lib/monitor/alerts.ts reads the event).
    expect(events).toEqual([
      { type: 'opened', location: 'eu-1', outage: { ...outage, endedAt: null } },
      { type: 'closed', location: 'eu-1', outage },
    ]);
    expect(Object.fromEntries(Object.entries(data.daily.api!).map(([day, r]) => [day, r.minutesDown]))).toEqual(minutesDown);
  });
});

describe('store under faults (real processes)', () => {
  const writer = path.join(__dirname, 'fixtures', 'writer.ts');
  const spawnWriter = (file: string, rounds: number): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', writer, file, 'api', String(rounds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const totalChecks = (data: StoreData) => Object.values(data.daily.api ?? {}).reduce((sum, r) => sum + r.checks, 0);

  it('kill -9 in the middle of writing, many times, leaves a valid file that loses at most the round in flight', async () => {
    const file = path.join(dir, 'eu-1.json');
    let acknowledged = 0;
    const kills = 6;
    for (let k = 0; k < kills; k++) {
      const child = spawnWriter(file, 0);
      const before = acknowledged;
      // Let it write a few rounds, then kill it at a random moment of the next ones.
      await new Promise<void>((resolve) => {
        const target = before + 3 + Math.floor(Math.random() * 5);
        child.stdout!.on('data', (chunk: Buffer) => {
          for (const line of chunk.toString().split('\n')) {
            const n = /^wrote (\d+)$/.exec(line)?.[1];
            if (n) acknowledged = Math.max(acknowledged, Number(n));
          }
          if (acknowledged >= target) setTimeout(() => resolve(), Math.random() * 15);
        });
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const data = parseStore(fs.readFileSync(file, 'utf8'), file);
      const total = totalChecks(data);
      expect(total === acknowledged || total === acknowledged + 1, `kill ${k + 1}: file has ${total} rounds, ${acknowledged} were acknowledged`).toBe(true);
      expect(data.results).toHaveLength(total);
      acknowledged = total;
    }
  }, 90_000);

  it('two pingers on one file lose nothing', async () => {
    const file = path.join(dir, 'eu-1.json');
    const rounds = 25;
    const children = [spawnWriter(file, rounds), spawnWriter(file, rounds)];
    const codes = await Promise.all(children.map((c) => new Promise((resolve) => c.once('exit', resolve))));
    expect(codes).toEqual([0, 0]);
    const data = readStoreSync(file)!;
    expect(totalChecks(data)).toBe(2 * rounds);
    expect(data.results).toHaveLength(2 * rounds);
  }, 60_000);
});
