import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { checkContent, ContentError, formatProblem, id, type Content } from '../content';
import { EntryCache } from '../content/cache';
import { Alerter } from '../monitor/alerts';
import { keyValues, outageLine, resultLine, timestamped } from '../monitor/log';
import { planChecks, planWebhooks, PlanError, type PlannedCheck } from '../monitor/plan';
import { runRound } from '../monitor/runner';
import type { Result } from '../monitor/schema';
import { Store, StoreError } from '../monitor/store';
import { watch } from '../monitor/watch';
import { contentOption } from './options';
import { livePublisher } from './publish';

export type PingOptions = {
  content: string;
  data: string;
  /** Where this pinger runs; names its data file `data/<location>.json`. */
  location: string;
  watch?: boolean;
  /** Stops `--watch` (SIGTERM/SIGINT in the CLI). */
  signal?: AbortSignal;
  /** Where lines go: one per check, per confirmed change, per alert. Each is stamped with its time (lib/monitor/log.ts). */
  log?: (line: string) => void;
  /** Where errors go, stamped the same way. */
  error?: (line: string) => void;
  /** Called after a stored round, e.g. to publish the live files (`--publish`): at once after a confirmed change, else a quarter of the shortest interval after the last call ended. */
  afterWrite?: () => Promise<void>;
};

/** How long a one-round run waits for its alerts before exiting. */
const alertDrainMs = 15_000;

/**
 * `outpost ping`: checks every component once (or forever with `watch`), stores the results, alerts on
 * confirmed changes. Check, store and alert are three separate steps. Resolves with the exit code: 0 when
 * the round ran, whatever the product's state; 1 for bad content or configuration, or a failed write.
 */
export async function ping(options: PingOptions): Promise<number> {
  const log = timestamped(options.log ?? console.log);
  const error = timestamped(options.error ?? console.error);
  let content: Content;
  let plans: PlannedCheck[];
  let alerter: Alerter;
  try {
    // The checks need site.yaml only: a broken incident file is said, and never stops the checking.
    const checked = checkContent(options.content, { lastGood: true, cache: EntryCache.of(options.content) });
    if (!checked.content) throw new ContentError(checked.problems);
    for (const problem of checked.problems) error(`content problem (checks go on): ${formatProblem(problem)}`);
    content = checked.content;
    plans = planChecks(content.site);
    alerter = new Alerter(planWebhooks(content.site.monitoring), alertContext(content), log);
  } catch (e) {
    if (e instanceof ContentError || e instanceof PlanError) {
      error(e instanceof PlanError ? `ping refused: ${e.message}` : e.message);
      return 1;
    }
    throw e;
  }
  if (plans.length === 0) {
    error(`nothing to check: no component in ${path.join(options.content, 'site.yaml')} has checks`);
    return 1;
  }

  const { monitoring } = content.site;
  const store = new Store({ file: path.join(options.data, `${options.location}.json`), location: options.location, rules: monitoring });
  const intervals = new Map(plans.map((p) => [p.id, p.intervalSeconds]));
  // A confirmed change (an outage opened or closed) is published at once. Other results are published once a quarter
  // of the shortest interval has passed since the last publish ended (the watch calls again then, lib/monitor/watch.ts):
  // with many checks, answers come every few hundred ms, and publishing after each kept a site of 5,000 incidents
  // publishing back to back (86% of a core at a 10 s interval, docs/pinger.md).
  const publishGapMs = (Math.min(...intervals.values()) * 1000) / 4;
  let published = -Infinity;
  const record = async (results: Result[]): Promise<number | void> => {
    const events = results.length > 0 ? await store.record(results, intervals) : [];
    for (const event of events) log(outageLine(event));
    alerter.notify(events);
    if (!options.afterWrite) return;
    const wait = published + publishGapMs - Date.now();
    if (events.length === 0 && wait > 0) return wait;
    await options.afterWrite();
    published = Date.now();
  };

  try {
    if (options.watch) {
      const signal = options.signal ?? new AbortController().signal;
      const about = { location: options.location, checks: plans.length };
      log(keyValues({ watch: 'started', ...about, concurrency: monitoring.concurrency }));
      await watch({ plans, location: options.location, concurrency: monitoring.concurrency, onResult: (r) => log(resultLine(r)), record, signal });
      log(keyValues({ watch: 'stopped', ...about }));
    } else {
      await record(await runRound(plans, options.location, monitoring.concurrency, (r) => log(resultLine(r))));
    }
  } catch (e) {
    if (e instanceof StoreError || (e as NodeJS.ErrnoException).code) {
      error(`ping could not store its results: ${(e as Error).message}`);
      return 1;
    }
    throw e;
  } finally {
    await alerter.drain(alertDrainMs);
  }
  return 0;
}

function alertContext(content: Content) {
  return { siteName: content.site.name, componentNames: Object.fromEntries([...content.site.components, ...content.site.providers].map((c) => [c.id, c.name])) };
}

function locationName(value: string): string {
  const parsed = id.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`expected lowercase letters, digits and single dashes (it names data/<location>.json), got ${JSON.stringify(value)}`);
  return value;
}

/** Commander's usage errors for `ping`, and the help shown after them, stamped like every other line. */
const stampedStderr = timestamped((text) => process.stderr.write(`${text}\n`));

/** `outpost ping`: one round for cron or CI, or `--watch` to keep checking. Everything it prints is stamped with its time, usage errors too. */
export function registerPing(program: Command): void {
  program
    .command('ping')
    .description('Check every component from here, store the results in data/<location>.json and alert on confirmed changes.')
    .option('--watch', 'keep checking, each check on its own interval, until SIGTERM or SIGINT')
    .option('--location <name>', 'where this pinger runs ([a-z0-9-])', locationName, process.env.OUTPOST_LOCATION ?? 'local')
    .option('--data <dir>', 'monitoring data folder', 'data')
    .option(...contentOption)
    .option('--publish <outDir>', 'after each stored round, publish every page and file whose inputs changed into the site built there')
    .option('--after-publish <command>', 'a shell command run after each publish that changed files, e.g. the push to another host (deploy/static/push-live.sh)')
    .addHelpText('after', '\nExample:\n  $ outpost ping --location eu-1            # one round, for cron or CI\n  $ outpost ping --watch --location eu-1    # keep checking\n  $ outpost ping --watch --publish out/     # and keep the served site live')
    .configureOutput({ writeErr: (text) => stampedStderr(text.replace(/\n$/, '')) })
    .action(async (options: { watch?: boolean; location: string; data: string; content: string; publish?: string; afterPublish?: string }) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      const { publish, afterPublish, ...flags } = options;
      const afterWrite = publish ? livePublisher({ out: publish, content: flags.content, data: flags.data, afterPublish }, timestamped(console.log), timestamped(console.error)) : undefined;
      try {
        process.exitCode = await ping({ ...flags, afterWrite, signal: controller.signal });
      } catch (error) {
        timestamped(console.error)(`ping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      // In-flight probes of a stopped watch are abandoned rather than awaited.
      if (options.watch) process.exit();
    });
}
