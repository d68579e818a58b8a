// Notifications: one incident update fanned out to 10,000 email subscribers (through a local SMTP receiver)
// and 1,000 webhooks (a local HTTP receiver), sent by one `Sender`: messages per second, the sender's peak
// memory, and the time from recording the change (the publish step) to the last delivery. Then a kill -9
// run: a sender in a child process killed several times in the middle of a fan-out to webhooks, counting
// deliveries the receiver had already accepted (duplicates) and messages never accepted (losses).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { changesBetween } from '../lib/notify/events';
import { outboxFile, recordChanges } from '../lib/notify/outbox';
import { Sender } from '../lib/notify/sender';
import { SmtpTransport } from '../lib/notify/smtp';
import { newSubscriber, subscribersFile } from '../lib/notify/subscribers';
import { at, incident, view } from '../lib/notify/test-support';
import type { Bench, BenchFigure } from './figure';

type Stats = { mails: number; uniqueMails: number; requests: number; accepted: number; duplicates: number; actedTwice: number; lastAt: number };
type Receivers = { smtp: string; http: string; stats: (reset?: boolean) => Promise<Stats>; stop: () => void };

async function startReceivers(): Promise<Receivers> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'notify-receivers.ts')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const ports = await new Promise<{ smtp: string; http: string }>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()))));
  const stats = (reset = false) =>
    new Promise<Stats>((resolve) => {
      child.once('message', (m) => resolve(m as Stats));
      child.send({ stats: true, reset });
    });
  return { ...ports, stats, stop: () => child.kill() };
}

/** A notify folder with `emails` email and `webhooks` webhook subscribers, and one incident's first update recorded now. */
async function prepare(dir: string, emails: number, webhooks: number, http: string): Promise<{ recordedAt: number; expected: number }> {
  await subscribersFile(dir).update((data) => {
    const now = new Date(at('09:00'));
    for (let i = 0; i < emails; i++) data.subscribers.push(newSubscriber({ channel: 'email', address: `reader${i}@example.com`, components: [], active: true, now }));
    for (let i = 0; i < webhooks; i++) data.subscribers.push(newSubscriber({ channel: 'webhook', address: `${http}/hook/${i}`, components: [], active: true, now }));
  });
  const events = changesBetween(view('09:00'), view('10:00', [incident('db', { api: 'major_outage' }, [['10:00', 'investigating']])]), new Date(at('10:00')));
  const recordedAt = performance.now();
  await recordChanges(outboxFile(dir), events);
  // The incident update goes to everyone; its component change (Statuspage component_update) to webhooks only.
  return { recordedAt, expected: emails * 1 + webhooks * events.length };
}

/** The fan-out: returns messages/s, peak RSS of this process, publish → last delivery. */
export async function benchFanOut(options: { emails?: number; webhooks?: number } = {}): Promise<{ messages: number; perSecond: number; peakRssMb: number; publishToLastMs: number; sent: number }> {
  const emails = options.emails ?? 10_000;
  const webhooks = options.webhooks ?? 1_000;
  const receivers = await startReceivers();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-notify-'));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const transport = new SmtpTransport({ url: receivers.smtp, maxConnections: 8 });
  try {
    const { recordedAt, expected } = await prepare(dir, emails, webhooks, receivers.http);
    // One line every 1,000 deliveries instead of the sender's line per message: progress a person can follow.
    let delivered = 0;
    const log = () => {
      delivered += 1;
      if (delivered % 1_000 === 0 || delivered === expected) console.log(`  fan-out: ${delivered.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} messages handled`);
    };
    const sender = new Sender({ notifyDir: dir, mail: { transport, from: 'Acme Status <status@acme.example>' }, concurrency: 64, batchSize: 1_000, rates: { email: Infinity, webhook: Infinity }, log });
    let sent = 0;
    for (;;) {
      const report = await sender.pass();
      sent += report.sent;
      if (!report.nextAt) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const doneAt = performance.now();
    const stats = await receivers.stats();
    if (stats.uniqueMails + stats.accepted !== expected) throw new Error(`bench notify: expected ${expected} deliveries, receivers got ${stats.uniqueMails} mails and ${stats.accepted} webhooks`);
    const ms = doneAt - recordedAt;
    return { messages: expected, sent, perSecond: Math.round((expected / ms) * 1000), peakRssMb: Math.round(peak / 1048576), publishToLastMs: Math.round(ms) };
  } finally {
    clearInterval(sampler);
    await transport.close();
    receivers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Kills a sender (child process) `kills` times in the middle of a fan-out to `webhooks` webhooks, then lets one finish. */
export async function benchKill(options: { webhooks?: number; kills?: number } = {}): Promise<{ messages: number; kills: number; duplicates: number; actedTwice: number; losses: number }> {
  const webhooks = options.webhooks ?? 1_000;
  const kills = options.kills ?? 5;
  const receivers = await startReceivers();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-notify-kill-'));
  const child = path.join(__dirname, '..', 'lib', 'notify', 'sender-child.test-support.ts');
  try {
    const { expected } = await prepare(dir, 0, webhooks, receivers.http);
    let killed = 0;
    for (let run = 0; run < kills + 5; run++) {
      const sender: ChildProcess = spawn(process.execPath, ['--import', 'tsx', child, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<void>((resolve) => sender.on('exit', () => resolve()));
      if (killed < kills) {
        const before = (await receivers.stats()).requests;
        const target = before + 50 + Math.floor(Math.random() * 150);
        for (;;) {
          const s = await receivers.stats();
          if (s.requests >= target || sender.exitCode !== null) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        if (sender.exitCode === null) {
          sender.kill('SIGKILL');
          killed++;
        }
      }
      await exited;
      const { accepted } = await receivers.stats();
      console.log(`  kill -9 run ${run + 1}: ${killed} of ${kills} kills done, ${accepted.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} webhooks received`);
      if (accepted >= expected && killed >= kills) break;
    }
    const stats = await receivers.stats();
    return { messages: expected, kills: killed, duplicates: stats.duplicates, actedTwice: stats.actedTwice, losses: expected - stats.accepted };
  } finally {
    receivers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Bench = async () => {
  console.log('notify: a fan-out to 10,000 email subscribers and 1,000 webhooks …');
  const fan = await benchFanOut();
  console.log('notify: killing a sender with kill -9 in the middle of a fan-out to 1,000 webhooks …');
  const kill = await benchKill();
  const figures: BenchFigure[] = [
    { name: `notify fan-out: ${fan.messages.toLocaleString('en-US')} messages (10,000 email, 1,000 webhooks × incident + component update)`, value: fan.perSecond, unit: 'messages/s' },
    { name: 'notify fan-out: publish → last delivery', value: fan.publishToLastMs / 1000, unit: 's' },
    { name: 'notify fan-out: sender peak memory (RSS)', value: fan.peakRssMb, unit: 'MB' },
    { name: `notify kill -9 ×${kill.kills} mid fan-out (${kill.messages.toLocaleString('en-US')} webhook messages): acted on twice by a receiver using the idempotency key`, value: kill.actedTwice, unit: 'messages', target: '0', meets: kill.actedTwice === 0 },
    { name: 'notify kill -9: re-delivered with the same key (in flight or not yet recorded at a kill)', value: kill.duplicates, unit: 'messages' },
    { name: 'notify kill -9: losses', value: kill.losses, unit: 'messages', target: '0', meets: kill.losses === 0 },
  ];
  return figures;
};

export default bench;

if (require.main === module) {
  void bench().then((figures) => {
    for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.target ? ` (target ${f.target}: ${f.meets ? 'met' : 'NOT met'})` : ''}`);
  });
}
