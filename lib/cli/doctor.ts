import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { checkContent, formatProblem, type Content } from '../content';
import { readMonitorView } from '../monitor/view';
import { StoreError } from '../monitor/store';
import { plural, staleAfterIntervals, type MonitorView } from '../status';
import { readBuildMeta, served } from '../build/swap';
import { verifyBuild } from '../build/verify';
import { listFiles } from '../files';
import { fileMode } from '../notify/locked-file';
import { outboxFile, outboxStats } from '../notify/outbox';
import { defaultNotifyDir } from '../notify/subscribers';
import { localBuild, mirrorFindings, readHost, whyUnreachable } from './doctor-mirrors';

/** One finding of `outpost doctor`: `fail` must be fixed (exit 1), `warn` should be looked at. */
export type Finding = { level: 'ok' | 'warn' | 'fail'; topic: string; message: string; fix?: string };

export type DoctorOptions = {
  content: string;
  data: string;
  out: string;
  /** The hosts the site is published to: check only that they serve the same build and status.json (and out's, when here). */
  mirror?: string[];
  /** Also check that each webhook answers (a HEAD request: nothing is posted). */
  webhooks?: boolean;
  /** The notify folder (subscribers and outbox); checked when it exists. */
  notifyDir?: string;
  now?: Date;
};

/** Top-level domains reserved for examples and tests: a public URL there is a placeholder. */
const reservedDomain = /(^|\.)(example|invalid|test|localhost)$|^example\.(com|net|org)$/;

/** Checks the setup: content, public URL, data freshness per location, out/, and webhooks when asked; or, given mirrors, the hosts. */
export async function diagnose(options: DoctorOptions): Promise<Finding[]> {
  const now = options.now ?? new Date();
  if (options.mirror?.length) return mirrorFindings(await Promise.all(options.mirror.map((url) => readHost(url))), localBuild(options.out), now);
  const { content, problems } = checkContent(options.content);
  if (!content) {
    return [
      {
        level: 'fail',
        topic: 'content',
        message: `${plural(problems.length, 'problem')}:\n${problems.map((p) => `      ${formatProblem(p)}`).join('\n')}`,
        fix: 'fix each line above, then run outpost validate',
      },
    ];
  }
  const findings: Finding[] = [
    {
      level: 'ok',
      topic: 'content',
      message: `valid: ${plural(content.site.components.length, 'component')}, ${plural(content.incidents.length, 'incident')}, ${plural(content.maintenance.length, 'maintenance window')}`,
    },
    ...siteFindings(content),
    ...dataFindings(content, options.data, now),
    ...outFindings(content, options, now),
  ];
  if (options.webhooks) findings.push(...(await webhookFindings(content)));
  findings.push(...(await notifyFindings(options.notifyDir ?? defaultNotifyDir(), now)));
  return findings;
}

/** The notify folder: private files, dead letters, and messages waiting long past their time (no sender running). */
export async function notifyFindings(dir: string, now: Date): Promise<Finding[]> {
  if (!fs.existsSync(dir)) return [];
  const findings: Finding[] = [];
  for (const name of ['subscribers.json', 'outbox.json']) {
    const mode = fileMode(path.join(dir, name));
    if (mode !== null && (mode & 0o077) !== 0) {
      findings.push({ level: 'fail', topic: 'notify', message: `${path.join(dir, name)} is readable by others (mode ${mode.toString(8)}): it holds subscribers' addresses`, fix: `chmod 600 ${path.join(dir, name)}` });
    }
  }
  try {
    const stats = outboxStats(await outboxFile(dir).read());
    const late = stats.nextAt !== null && now.getTime() - Date.parse(stats.nextAt) > 600_000;
    if (stats.dead > 0) {
      findings.push({ level: 'warn', topic: 'notify', message: `${plural(stats.dead, 'dead letter')}: messages given up on after their retries`, fix: 'see them with outpost notify status; fix the receiver or relay, then outpost notify retry' });
    }
    if (late) findings.push({ level: 'warn', topic: 'notify', message: `messages due since ${stats.nextAt} are still waiting`, fix: 'is outpost notify send --watch running (systemctl status outpost-notify)?' });
    if (stats.dead === 0 && !late) findings.push({ level: 'ok', topic: 'notify', message: `outbox: ${stats.pending} pending, ${stats.sent} sent recently, no dead letters` });
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    findings.push({ level: 'fail', topic: 'notify', message: error.message, fix: 'restore it from a backup, or move it aside' });
  }
  return findings;
}

function siteFindings(content: Content): Finding[] {
  const findings: Finding[] = [];
  const host = new URL(content.site.url).hostname;
  if (reservedDomain.test(host)) {
    findings.push({ level: 'fail', topic: 'public URL', message: `${content.site.url} is a placeholder`, fix: 'set url: in content/site.yaml to the address readers use (feeds, JSON and images link to it)' });
  } else {
    findings.push({ level: 'ok', topic: 'public URL', message: content.site.url });
  }
  if (content.clockShiftMs !== 0) {
    findings.push({ level: 'warn', topic: 'content', message: 'exampleAnchor is set: every time is moved to look current', fix: 'delete exampleAnchor from content/site.yaml for a real site' });
  }
  const missing = [...JSON.stringify(content.site).matchAll(/\$\{env:(\w+)\}/g)].map((m) => m[1]!).filter((name) => !process.env[name]);
  for (const name of new Set(missing)) {
    findings.push({ level: 'warn', topic: 'environment', message: `${name} is not set here`, fix: `the pinger reads it for a check or webhook: set it in the pinger's environment (/etc/outpost/outpost.env)` });
  }
  return findings;
}

/** Each location's newest result, fresh or stale by the site's rules, as the merged view reads them. */
function dataFindings(content: Content, dataDir: string, now: Date): Finding[] {
  const { intervalSeconds, quorum } = content.site.monitoring;
  if (!content.site.components.some((c) => c.checks.length > 0)) {
    return [{ level: 'ok', topic: 'data', message: 'no checks defined: statuses come from incidents alone' }];
  }
  let view: MonitorView | null;
  try {
    view = readMonitorView(dataDir, content, now);
  } catch (error) {
    return [{ level: 'fail', topic: 'data', message: (error as Error).message, fix: 'restore the file from a backup, or move it aside (its pinger then starts a new one)' }];
  }
  if (!view) {
    return [{ level: 'fail', topic: 'data', message: `no data/<location>.json in ${dataDir}`, fix: "start the pinger (outpost ping --watch --location NAME), or sync the locations' files into this folder" }];
  }
  const findings = view.locations.map((location): Finding => {
    const topic = `data ${location.name}`;
    const last = location.lastResultAt ? `last result ${formatAge(now.getTime() - Date.parse(location.lastResultAt))} ago` : 'no result yet';
    return location.stale
      ? { level: 'fail', topic, message: `${last}: stale (nothing within ${staleAfterIntervals} × ${intervalSeconds} s)`, fix: `is the pinger at ${location.name} running, and is its file synced here?` }
      : { level: 'ok', topic, message: last };
  });
  const fresh = view.locations.filter((l) => !l.stale).length;
  if (typeof quorum === 'number' && fresh > 0 && fresh < quorum) {
    findings.push({ level: 'fail', topic: 'data', message: `${plural(fresh, 'fresh location')}, but monitoring.quorum needs ${quorum}: every monitored component shows as stale`, fix: 'bring more locations back, or lower monitoring.quorum' });
  }
  return findings;
}

function outFindings(content: Content, options: DoctorOptions, now: Date): Finding[] {
  const state = served(path.resolve(options.out));
  if (state.kind === 'none') return [{ level: 'fail', topic: 'out', message: `${options.out} does not exist`, fix: 'run outpost build' }];
  if (state.kind === 'link' && !fs.existsSync(state.target)) {
    return [{ level: 'fail', topic: 'out', message: `${options.out} points to ${state.target}, which is gone`, fix: 'run outpost build' }];
  }
  const findings: Finding[] = [];
  if (state.kind === 'folder') {
    findings.push({ level: 'warn', topic: 'out', message: `${options.out} is a plain folder, not a link to a verified build`, fix: 'run outpost build: it replaces the folder with a link, swapped atomically from then on' });
  }
  // What the live folder must hold is what its manifest says the renderer wrote into it.
  const meta = state.kind === 'link' ? readBuildMeta(state.target) : null;
  if (!meta) {
    findings.push({ level: 'fail', topic: 'out', message: `${options.out} has no manifest of what it holds (made by an older Outpost, or by hand)`, fix: 'run outpost build' });
    return findings;
  }
  const files = Object.keys(meta.manifest.outputs);
  const problems = verifyBuild(options.out, files, [], []);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join(', ') + (problems.length > 5 ? `, and ${problems.length - 5} more` : '');
    findings.push({ level: 'fail', topic: 'out', message: `incomplete: ${shown}`, fix: 'run outpost build' });
    return findings;
  }
  const builtMs = fs.statSync(path.join(options.out, 'index.html')).mtimeMs;
  findings.push({ level: 'ok', topic: 'out', message: `complete (${files.length} files), built ${formatAge(now.getTime() - builtMs)} ago` });
  const changed = listFiles(options.content).filter((f) => fs.statSync(path.join(options.content, f)).mtimeMs > builtMs);
  if (changed.length > 0) {
    findings.push({ level: 'warn', topic: 'out', message: `content changed since the last build (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''})`, fix: 'run outpost build (the build timer or CI run will too)' });
  }
  return findings;
}

/** A webhook is reachable when it answers a HEAD request with any HTTP status within 5 s. */
async function webhookFindings(content: Content): Promise<Finding[]> {
  const hooks = content.site.monitoring.webhooks;
  if (hooks.length === 0) return [{ level: 'warn', topic: 'webhooks', message: 'none configured: confirmed outages alert nobody', fix: 'add monitoring.webhooks in content/site.yaml' }];
  return Promise.all(
    hooks.map(async (hook): Promise<Finding> => {
      // Webhook paths often carry a secret: show the origin only.
      const topic = `webhook ${new URL(hook.url).origin}/…`;
      const started = Date.now();
      try {
        const response = await fetch(hook.url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(5_000) });
        return { level: 'ok', topic, message: `answered HTTP ${response.status} in ${Date.now() - started} ms` };
      } catch (error) {
        return { level: 'fail', topic, message: `unreachable: ${whyUnreachable(error, 5_000)}`, fix: 'check the URL and that this host may reach it (DNS, firewall, proxy)' };
      }
    }),
  );
}

function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7_200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3_600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

/** A --mirror value: an http(s) URL; anything else is bad usage. */
function mirrorUrl(value: string): string {
  if (!/^https?:\/\/[^/]/.test(value)) throw new InvalidArgumentError(`expected an http(s) URL, got ${JSON.stringify(value)}.`);
  return value;
}

/** `ok    topic: message` / `FAIL  topic: message` then `      → fix`. */
export function formatFinding(f: Finding): string {
  const label = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' }[f.level];
  return `${label}  ${f.topic}: ${f.message}${f.fix ? `\n      → ${f.fix}` : ''}`;
}

/** `outpost doctor`: checks the setup and prints what to fix; exit 1 when something must be fixed. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('Check the setup: content, public URL, fresh data per location, out/ complete, webhooks (--webhooks).')
    .option('--content <dir>', 'content folder', 'content')
    .option('--data <dir>', 'monitoring data folder', 'data')
    .option('--out <dir>', 'served folder', 'out')
    .option('--webhooks', 'also check that every webhook answers (HEAD request; nothing is posted)')
    .option('--notify-dir <dir>', 'subscribers and outbox folder, checked when it exists', defaultNotifyDir())
    .option('--mirror <url>', 'a host the site is published to (repeat it): check only that they all serve the same build and /status.json, and that of --out when it is here', (url: string, all: string[]) => [...all, mirrorUrl(url)], [])
    .addHelpText('after', '\nExit 1 when something must be fixed; warnings alone exit 0.\n\nExamples:\n  $ outpost doctor --webhooks\n  $ outpost doctor --mirror https://status-a.acme.com --mirror https://status-b.acme.com')
    .action(async (options: DoctorOptions) => {
      const findings = await diagnose(options);
      for (const finding of findings) console.log(formatFinding(finding));
      const failed = findings.filter((f) => f.level === 'fail').length;
      console.log(failed > 0 ? `\n${plural(failed, 'thing')} to fix.` : '\nNothing to fix.');
      process.exitCode = failed > 0 ? 1 : 0;
    });
}
