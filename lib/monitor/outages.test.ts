import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitoring } from '../content/check-schema';
import { advance, type ConfirmationRules } from './outages';
import { runCheck } from './runner';
import type { CheckState, Verdict } from './schema';
import { seededRandom } from './simulate';
import { plan, serveHttp, type Running } from './test-support';

const letter: Record<string, Verdict> = { u: 'up', g: 'degraded', d: 'down' };
const at = (i: number) => new Date(Date.UTC(2026, 10, 23, 0, i)).toISOString();

/** Feeds verdicts ("u d d u", u = up, g = degraded, d = down) one minute apart; returns the end state and the changes. */
function feed(verdicts: string, rules: ConfirmationRules) {
  let state: CheckState | undefined;
  const changes: string[] = [];
  verdicts.split(' ').forEach((v, i) => {
    const next = advance(state, { at: at(i), verdict: letter[v]!, reason: v, componentId: 'api' }, 60, rules);
    state = next.state;
    if (next.change) changes.push(`${next.change}@${i}`);
  });
  return { status: state!.status, since: state!.since && new Date(state!.since).getUTCMinutes(), changes };
}

describe('confirmation', () => {
  const cases = [
    { input: 'd', rules: [2, 1], status: 'up', since: null, changes: [] },
    { input: 'd d', rules: [2, 1], status: 'down', since: 0, changes: ['opened@1'] },
    { input: 'u d u d u d', rules: [2, 1], status: 'up', since: null, changes: [] },
    { input: 'u d d u', rules: [2, 1], status: 'up', since: 3, changes: ['opened@2', 'closed@3'] },
    { input: 'd d u d u u', rules: [2, 2], status: 'up', since: 4, changes: ['opened@1', 'closed@5'] },
    { input: 'd d d d d', rules: [3, 1], status: 'down', since: 0, changes: ['opened@2'] },
    { input: 'd', rules: [1, 1], status: 'down', since: 0, changes: ['opened@0'] },
    { input: 'g g', rules: [2, 1], status: 'degraded', since: 0, changes: [] },
    { input: 'g u g u', rules: [2, 1], status: 'up', since: null, changes: [] },
    { input: 'g g u', rules: [2, 1], status: 'up', since: 2, changes: [] },
    { input: 'g d d', rules: [2, 1], status: 'down', since: 1, changes: ['opened@2'] },
    { input: 'd d g', rules: [2, 1], status: 'degraded', since: 2, changes: ['opened@1', 'closed@2'] },
    { input: 'g d', rules: [2, 1], status: 'degraded', since: 0, changes: [] },
  ];
  it.each(cases)('$input with failuresToOpen/successesToClose $rules', ({ input, rules: [failuresToOpen, successesToClose], ...expected }) => {
    expect(feed(input, { failuresToOpen: failuresToOpen!, successesToClose: successesToClose! })).toEqual(expected);
  });

  it('keeps only the rounds it needs', () => {
    let state: CheckState | undefined;
    for (let i = 0; i < 50; i++) state = advance(state, { at: at(i), verdict: 'up', reason: '', componentId: 'api' }, 60, { failuresToOpen: 3, successesToClose: 2 }).state;
    expect(state!.recent).toHaveLength(3);
  });
});

describe('a round that succeeds on a retry (a real server that fails once)', () => {
  let server: Running;
  let requests = 0;
  beforeAll(async () => {
    server = await serveHttp((_, res) => res.writeHead(++requests === 1 ? 503 : 200).end());
  });
  afterAll(() => server.close());

  it('says when the retry started, and that moment ends the outage', async () => {
    const check = plan({ type: 'http', url: `${server.url}/` }, { retries: 2, retryDelayMs: 150 });
    const rules = { failuresToOpen: 2, successesToClose: 1 };
    let state = advance(undefined, { at: at(0), verdict: 'down', reason: 'HTTP 503', componentId: 'api' }, 60, rules).state;
    state = advance(state, { at: at(1), verdict: 'down', reason: 'HTTP 503', componentId: 'api' }, 60, rules).state;
    expect(state.status).toBe('down');

    const result = await runCheck(check, 'test-1');
    expect(result).toMatchObject({ verdict: 'up', attempts: 2, lastAttemptAt: expect.any(String) });
    expect(Date.parse(result.lastAttemptAt!) - Date.parse(result.at)).toBeGreaterThanOrEqual(150);
    const next = advance(state, result, 60, rules);
    expect(next.change).toBe('closed');
    expect(next.state.since).toBe(result.lastAttemptAt);

    // A round that succeeds at once has no second moment.
    expect(await runCheck(check, 'test-1')).not.toHaveProperty('lastAttemptAt');
  });
});

describe('a flapping endpoint (one failure in twenty, at random)', () => {
  let server: Running;
  let random: () => number;
  beforeAll(async () => {
    server = await serveHttp((_, res) => res.writeHead(random() < 1 / 20 ? 503 : 200).end());
  });
  afterAll(() => server.close());

  async function rounds(retries: number) {
    random = seededRandom(20261123);
    const defaults = monitoring.parse({});
    const check = plan({ type: 'http', url: `${server.url}/` }, { retries, retryDelayMs: 0 });
    let state: CheckState | undefined;
    let opened = 0;
    let retried = 0;
    for (let i = 0; i < 1000; i++) {
      const result = await runCheck(check, 'test-1');
      if (result.attempts > 1) retried++;
      const next = advance(state, result, 60, defaults);
      state = next.state;
      if (next.change === 'opened') opened++;
    }
    return { opened, retried };
  }

  it('raises no confirmed outage over 1,000 rounds at the default retry settings', async () => {
    const defaults = monitoring.parse({});
    const { opened, retried } = await rounds(defaults.retries);
    expect(retried).toBeGreaterThan(20); // the failures really happened and were retried away
    expect(opened).toBe(0);
  });

  it('would raise false alarms without retries (the same seeded run)', async () => {
    const { opened } = await rounds(0);
    expect(opened).toBeGreaterThan(0);
  });
});
