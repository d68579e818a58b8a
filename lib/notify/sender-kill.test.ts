import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { changesBetween } from './events';
import { outboxFile, outboxStats, recordChanges } from './outbox';
import { newSubscriber, subscribersFile } from './subscribers';
import { at, incident, tempDir, view, webhookReceiver } from './test-support';

const child = path.join(__dirname, 'sender-child.test-support.ts');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function start(dir: string): { process: ChildProcess; done: Promise<boolean> } {
  const p = spawn(process.execPath, ['--import', 'tsx', child, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  p.stdout!.on('data', (d) => (out += d));
  const done = new Promise<boolean>((resolve) => p.on('exit', () => resolve(out.includes('done'))));
  return { process: p, done };
}

it('kill -9 of the sender in the middle of a fan-out, many times: nothing lost, nothing acted on twice', async () => {
  const receiver = await webhookReceiver();
  // Each answer takes a few ms, so a fan-out is long enough to be killed in the middle.
  receiver.behaviour = 'slow';
  receiver.slowMs = 4;
  const dir = tempDir();
  dirs.push(dir);
  const subscribers = 200;
  await subscribersFile(dir).update((data) => {
    for (let i = 0; i < subscribers; i++) data.subscribers.push(newSubscriber({ channel: 'webhook', address: `${receiver.url}/s${i}`, components: [], active: true, now: new Date(at('09:00')) }));
  });
  const events = changesBetween(view('09:00'), view('10:00', [incident('db', { api: 'major_outage' }, [['10:00', 'investigating']])]), new Date(at('10:00')));
  await recordChanges(outboxFile(dir), events);
  const expected = subscribers * events.length;

  let kills = 0;
  let finished = false;
  for (let run = 0; run < 40 && !finished; run++) {
    const sender = start(dir);
    if (kills < 6) {
      // Kill it after a random number of further requests, mid-flight.
      const target = receiver.requests.length + 20 + Math.floor(Math.random() * 60);
      const killed = await new Promise<boolean>((resolve) => {
        const poll = setInterval(() => {
          if (receiver.requests.length >= target) {
            clearInterval(poll);
            sender.process.kill('SIGKILL');
            resolve(true);
          }
        }, 2);
        void sender.done.then(() => (clearInterval(poll), resolve(false)));
      });
      if (killed) kills++;
      finished = await sender.done;
    } else finished = await sender.done;
  }
  await receiver.close();

  expect(kills).toBeGreaterThanOrEqual(4);
  expect(finished).toBe(true);
  const keys = new Set(receiver.requests.map((r) => r.key));
  const resent = receiver.requests.length - keys.size;
  // Nothing lost: every (subscriber, event) reached the receiver, and the outbox knows it.
  expect(keys.size).toBe(expected);
  expect(outboxStats(await outboxFile(dir).read())).toMatchObject({ sent: expected, pending: 0, sending: 0, dead: 0 });
  // Acted on once: the receiver acted on each idempotency key exactly once.
  expect(receiver.requests.filter((r) => r.acted)).toHaveLength(expected);
  // Re-sends happen only for what was in flight at a kill (at most one batch of leases per kill).
  expect(resent).toBeLessThanOrEqual(kills * 100);
  console.log(`kill -9 ×${kills}: ${expected} messages, ${resent} re-sent after a kill (same idempotency key), 0 lost, 0 acted on twice`);
}, 240_000);
