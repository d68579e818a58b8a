import { describe, expect, it } from 'vitest';
import { keyValues, outageLine, resultLine, stamp, timestamped } from './log';
import type { Result } from './schema';

const at = new Date('2026-12-01T10:04:05.123Z');

describe('keyValues', () => {
  const cases = [
    { input: { check: 'api', latencyMs: 812, delivered: true }, line: 'check=api latencyMs=812 delivered=true' },
    { input: { check: 'api', httpStatus: undefined, status: 'down' }, line: 'check=api status=down' },
    { input: { reason: 'HTTP 503 (expected 2xx)' }, line: 'reason="HTTP 503 (expected 2xx)"' },
    { input: { reason: 'connected' }, line: 'reason=connected' },
    { input: { reason: '' }, line: 'reason=""' },
    { input: { reason: 'say "hi"' }, line: 'reason="say \\"hi\\""' },
    { input: { reason: 'a=b' }, line: 'reason="a=b"' },
    { input: { reason: 'two\nlines' }, line: 'reason="two\\nlines"' },
    { input: { startedAt: '2026-12-01T10:04:05.123Z', out: '/srv/outpost/out' }, line: 'startedAt=2026-12-01T10:04:05.123Z out=/srv/outpost/out' },
  ];
  it.each(cases)('$line', ({ input, line }) => {
    expect(keyValues(input)).toBe(line);
  });
});

describe('stamp', () => {
  it('puts the ISO time first on each line', () => {
    expect(stamp('check=api status=up', at)).toBe('2026-12-01T10:04:05.123Z check=api status=up');
    expect(stamp('1 problem in content:\ncontent/site.yaml:3:5 name: expected text', at)).toBe(
      '2026-12-01T10:04:05.123Z 1 problem in content:\n2026-12-01T10:04:05.123Z content/site.yaml:3:5 name: expected text',
    );
  });

  it('stamps with the time of writing', () => {
    const lines: string[] = [];
    let t = at.getTime();
    const log = timestamped((l) => lines.push(l), () => new Date((t += 1_500)));
    log('watch=started');
    log('watch=stopped');
    expect(lines).toEqual(['2026-12-01T10:04:06.623Z watch=started', '2026-12-01T10:04:08.123Z watch=stopped']);
  });
});

describe('lines', () => {
  const result: Result = {
    at: '2026-12-01T10:04:04.000Z',
    checkId: 'api',
    componentId: 'api',
    location: 'eu-1',
    verdict: 'down',
    reason: 'HTTP 503 (expected 2xx)',
    httpStatus: 503,
    attempts: 3,
    phases: { totalMs: 811.6 },
  };
  it('says one result on one line', () => {
    expect(resultLine(result)).toBe('check=api location=eu-1 status=down httpStatus=503 latencyMs=812 attempts=3 reason="HTTP 503 (expected 2xx)"');
    expect(resultLine({ ...result, httpStatus: undefined, verdict: 'up', reason: 'connected', attempts: 1 })).toBe('check=api location=eu-1 status=up latencyMs=812 attempts=1 reason=connected');
  });

  it('says when an outage started, or when it ended', () => {
    const outage = { checkId: 'api', componentId: 'web', startedAt: '2026-12-01T10:00:00.000Z', confirmedAt: '2026-12-01T10:01:00.000Z', endedAt: null, reason: 'HTTP 503' };
    expect(outageLine({ type: 'opened', location: 'eu-1', outage })).toBe('outage=opened check=api component=web location=eu-1 startedAt=2026-12-01T10:00:00.000Z reason="HTTP 503"');
    expect(outageLine({ type: 'closed', location: 'eu-1', outage: { ...outage, endedAt: '2026-12-01T10:07:12.345Z' } })).toBe(
      'outage=closed check=api component=web location=eu-1 endedAt=2026-12-01T10:07:12.345Z reason="HTTP 503"',
    );
  });
});
