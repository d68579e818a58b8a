import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { ContentError, loadContent, type Content } from '../content';
import { exportOutpost, exportStatuspage, readSubscriberCsv } from '../notify/csv';
import { outboxFile, outboxStats, retryDead } from '../notify/outbox';
import { channels, type Channel } from '../notify/schema';
import { Sender } from '../notify/sender';
import { createSubscribeService } from '../notify/service';
import { SmtpTransport } from '../notify/smtp';
import { defaultNotifyDir, newSubscriber, normaliseAddress, subscribersFile } from '../notify/subscribers';
import { StoreError } from '../monitor/store';
import { plural } from '../status';
import { collect, UsageError } from './input';
import { contentOption } from './options';

const notifyDirOption = ['--notify-dir <dir>', 'where subscribers.json and outbox.json live ($OUTPOST_NOTIFY_DIR, else notify/)', defaultNotifyDir()] as const;

function channelName(value: string): Channel {
  if (!(channels as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected ${channels.join(' | ')}, got ${JSON.stringify(value)}`);
  return value as Channel;
}

/** `--rate slack=1 --rate email=100` → per-channel messages per second. */
function rates(value: string, previous: Partial<Record<Channel, number>> = {}): Partial<Record<Channel, number>> {
  const match = /^([a-z]+)=(\d+(?:\.\d+)?|unlimited)$/.exec(value);
  if (!match) throw new InvalidArgumentError(`expected <channel>=<messages per second>, got ${JSON.stringify(value)}`);
  return { ...previous, [channelName(match[1]!)]: match[2] === 'unlimited' ? Infinity : Number(match[2]) };
}

/** Runs an action and turns an unusable file or bad content into exit 1 with the reason. */
async function guarded(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof StoreError || error instanceof ContentError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

function siteOf(dir: string): Content['site'] {
  return loadContent(dir).site;
}

/** `outpost notify send|status|retry`. */
export function registerNotify(program: Command): void {
  const notify = program.command('notify').description('Deliver notifications from the outbox (email, webhooks, chat) and inspect it.');

  notify
    .command('send')
    .description('Send what is due in the outbox once (for cron), or keep sending with --watch. Never part of a build or publish.')
    .option('--watch', 'keep sending until SIGTERM or SIGINT')
    .option(...notifyDirOption)
    .option('--smtp <url>', 'SMTP relay, smtp://user:pass@host:587 or smtps://…:465 (prefer $OUTPOST_SMTP_URL: it holds a password)', process.env.OUTPOST_SMTP_URL)
    .option('--from <address>', 'sender of email, "Acme Status <status@acme.example>" ($OUTPOST_MAIL_FROM)', process.env.OUTPOST_MAIL_FROM)
    .option('--rate <channel=n>', 'messages per second for a channel in this process (repeatable; "unlimited" for none)', rates, {})
    .option('--concurrency <n>', 'deliveries in flight at once', (v) => Number(v), 32)
    .addHelpText('after', '\nWithout --smtp, email waits in the outbox for a sender that has it.\n\nExample:\n  $ OUTPOST_SMTP_URL=smtp://user:pass@smtp.acme.example:587 OUTPOST_MAIL_FROM="Acme Status <status@acme.example>" outpost notify send --watch')
    .action((options: { watch?: boolean; notifyDir: string; smtp?: string; from?: string; rate: Partial<Record<Channel, number>>; concurrency: number }) =>
      guarded(async () => {
        if (options.smtp && !options.from) throw new UsageError('--from (or $OUTPOST_MAIL_FROM) is needed with --smtp');
        const transport = options.smtp ? new SmtpTransport({ url: options.smtp }) : null;
        const sender = new Sender({ notifyDir: options.notifyDir, mail: transport ? { transport, from: options.from! } : null, rates: options.rate, concurrency: options.concurrency });
        try {
          if (options.watch) {
            const controller = new AbortController();
            const stop = () => controller.abort();
            process.once('SIGTERM', stop);
            process.once('SIGINT', stop);
            await sender.watch(controller.signal);
          } else {
            const report = await sender.pass();
            console.log(`notify=pass sent=${report.sent} retried=${report.retried} dead=${report.dead} skipped=${report.skipped} next=${report.nextAt ?? 'none'}`);
          }
        } finally {
          await transport?.close();
        }
      }),
    );

  notify
    .command('status')
    .description('Count messages by state and list dead letters (messages given up on).')
    .option(...notifyDirOption)
    .action((options: { notifyDir: string }) =>
      guarded(async () => {
        const stats = outboxStats(await outboxFile(options.notifyDir).read());
        console.log(`events=${stats.events} waiting=${stats.waitingEvents} pending=${stats.pending} sending=${stats.sending} sent=${stats.sent} skipped=${stats.skipped} dead=${stats.dead} next=${stats.nextAt ?? 'none'}`);
        for (const m of stats.deadLetters) console.log(`dead channel=${m.channel} event=${m.eventId} subscriber=${m.subscriberId} attempts=${m.attempts} error=${JSON.stringify(m.error)}`);
      }),
    );

  notify
    .command('retry')
    .description('Put every dead letter back in the queue (after fixing the receiver or the relay).')
    .option(...notifyDirOption)
    .action((options: { notifyDir: string }) =>
      guarded(async () => {
        const n = await outboxFile(options.notifyDir).update((data) => retryDead(data, new Date()));
        console.log(`${plural(n, 'dead letter')} queued again`);
      }),
    );
}

/** `outpost subscribers list|add|remove|export|import`. */
export function registerSubscribers(program: Command): void {
  const subscribers = program.command('subscribers').description('Staff: list, add, remove, export and import subscribers (notify/subscribers.json, mode 600).');

  subscribers
    .command('list')
    .description('Every subscriber: id, channel, address, components (empty: everything), status.')
    .option(...notifyDirOption)
    .option('--json', 'as JSON (never with secrets)')
    .action((options: { notifyDir: string; json?: boolean }) =>
      guarded(async () => {
        const list = (await subscribersFile(options.notifyDir).read()).subscribers.map(({ id, channel, address, components, status, createdAt, confirmedAt }) => ({ id, channel, address, components, status, createdAt, confirmedAt }));
        if (options.json) return console.log(JSON.stringify(list, null, 2));
        for (const s of list) console.log(`${s.id}  ${s.channel.padEnd(10)} ${s.status.padEnd(7)} ${s.address}  ${s.components.join(',') || '(all)'}`);
        console.log(plural(list.length, 'subscriber'));
      }),
    );

  subscribers
    .command('add')
    .description('Add an active subscriber (you vouch for their consent). A webhook gets a signing secret, printed once.')
    .requiredOption('--channel <channel>', channels.join(' | '), channelName)
    .requiredOption('--address <address>', 'email address or webhook URL')
    .option('--component <ids>', 'only these components (repeatable or comma-separated; default: everything)', collect, [])
    .option(...contentOption)
    .option(...notifyDirOption)
    .addHelpText('after', '\nExample:\n  $ outpost subscribers add --channel slack --address https://hooks.slack.com/services/T000/B000/XXXX --component api')
    .action((options: { channel: Channel; address: string; component: string[]; content: string; notifyDir: string }) =>
      guarded(async () => {
        const address = normaliseAddress(options.channel, options.address);
        if (!address) throw new UsageError(`--address: not a valid ${options.channel === 'email' ? 'email address' : 'http(s) URL without credentials'}`);
        const known = siteOf(options.content).components.map((c) => c.id);
        const unknown = options.component.filter((c) => !known.includes(c));
        if (unknown.length) throw new UsageError(`--component: unknown ${unknown.map((c) => `"${c}"`).join(', ')} (known: ${known.join(', ')})`);
        const added = await subscribersFile(options.notifyDir).update((data) => {
          if (data.subscribers.some((s) => s.channel === options.channel && s.address === address)) return null;
          const sub = newSubscriber({ channel: options.channel, address, components: options.component, active: true, now: new Date() });
          data.subscribers.push(sub);
          return sub;
        });
        if (!added) {
          console.error(`already subscribed: ${options.channel} ${address}`);
          process.exitCode = 1;
          return;
        }
        console.log(`added ${added.id}`);
        if (added.secret) console.log(`signing secret (shown once; the receiver checks X-Outpost-Signature with it): ${added.secret}`);
      }),
    );

  subscribers
    .command('remove <idOrAddress>')
    .description('Remove a subscriber by id or address.')
    .option(...notifyDirOption)
    .action((target: string, options: { notifyDir: string }) =>
      guarded(async () => {
        const removed = await subscribersFile(options.notifyDir).update((data) => {
          const before = data.subscribers.length;
          data.subscribers = data.subscribers.filter((s) => s.id !== target && s.address !== target);
          return before - data.subscribers.length;
        });
        if (removed === 0) {
          console.error(`no subscriber with id or address ${JSON.stringify(target)}`);
          process.exitCode = 1;
        } else console.log(`removed ${plural(removed, 'subscriber')}`);
      }),
    );

  subscribers
    .command('export')
    .description('Write the list as CSV (no secrets): Outpost columns, or Statuspage import rows.')
    .option('--format <format>', 'outpost | statuspage', 'outpost')
    .option('--output <file>', 'write here (mode 600) instead of stdout')
    .option(...notifyDirOption)
    .action((options: { format: string; output?: string; notifyDir: string }) =>
      guarded(async () => {
        if (options.format !== 'outpost' && options.format !== 'statuspage') throw new UsageError(`--format: expected outpost | statuspage, got ${JSON.stringify(options.format)}`);
        const list = (await subscribersFile(options.notifyDir).read()).subscribers;
        const csv = options.format === 'outpost' ? exportOutpost(list) : exportStatuspage(list);
        if (options.output) fs.writeFileSync(options.output, csv, { mode: 0o600 });
        else process.stdout.write(csv);
      }),
    );

  subscribers
    .command('import <file>')
    .description('Add subscribers from CSV: Outpost columns, a Statuspage export, or Statuspage import rows.')
    .option('--confirmed', 'mark every row active (they confirmed elsewhere); otherwise rows that did not are pending')
    .option('--dry-run', 'report what would be added and change nothing')
    .option(...contentOption)
    .option(...notifyDirOption)
    .addHelpText('after', '\nA row whose address is already subscribed on its channel takes the file\'s components.\n\nExample:\n  $ outpost subscribers import statuspage-subscribers.csv --confirmed')
    .action((file: string, options: { confirmed?: boolean; dryRun?: boolean; content: string; notifyDir: string }) =>
      guarded(async () => {
        const { rows, problems } = readSubscriberCsv(fs.readFileSync(file, 'utf8'), file, siteOf(options.content).components, options.confirmed ?? false);
        for (const p of problems) console.error(p);
        if (options.dryRun) return console.log(`would import ${plural(rows.length, 'row')}; ${plural(problems.length, 'problem')}`);
        const { added, updated } = await subscribersFile(options.notifyDir).update((data) => {
          let added = 0;
          let updated = 0;
          for (const row of rows) {
            const existing = data.subscribers.find((s) => s.channel === row.channel && s.address === row.address);
            if (existing) {
              existing.components = [...new Set(row.components)].sort();
              updated++;
            } else {
              data.subscribers.push(newSubscriber({ ...row, now: new Date() }));
              added++;
            }
          }
          return { added, updated };
        });
        console.log(`imported: ${added} added, ${updated} updated; ${plural(problems.length, 'row')} left out`);
        if (rows.some((r) => r.channel === 'webhook')) console.log('webhooks got new signing secrets: give each receiver its secret (outpost subscribers list --json shows no secrets; see docs/notifications.md)');
      }),
    );
}

/** `outpost subscribe-service`: the sign-up service for email, behind nginx on the status host. */
export function registerSubscribeService(program: Command): void {
  program
    .command('subscribe-service')
    .description('Run the email sign-up service (plain HTML forms, double opt-in) for nginx to proxy. Never on the product.')
    .option('--port <n>', 'port to listen on', (v) => Number(v), 8025)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--public-url <url>', 'its public address (default: notifications.signupUrl in site.yaml)')
    .option('--no-trust-proxy', 'take the client address from the connection, not X-Real-IP / X-Forwarded-For from a local proxy')
    .option(...contentOption)
    .option(...notifyDirOption)
    .addHelpText('after', '\nExample:\n  $ outpost subscribe-service --port 8025   # nginx: location /subscribe/ { proxy_pass http://127.0.0.1:8025/; }')
    .action((options: { port: number; host: string; publicUrl?: string; trustProxy: boolean; content: string; notifyDir: string }) =>
      guarded(async () => {
        const site = siteOf(options.content);
        const publicUrl = options.publicUrl ?? site.notifications?.signupUrl;
        if (!publicUrl) throw new UsageError('--public-url is needed (or set notifications.signupUrl in content/site.yaml)');
        const server = createSubscribeService({ notifyDir: options.notifyDir, site, publicUrl, trustProxy: options.trustProxy });
        await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, options.host, resolve));
        console.log(`subscribe-service listening on http://${options.host}:${options.port}/ for ${publicUrl}`);
        const stop = () => server.close(() => process.exit(0));
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        await new Promise(() => {});
      }),
    );
}
