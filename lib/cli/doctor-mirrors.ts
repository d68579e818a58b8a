import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { served } from '../build/swap';
import { buildStampSchema, type BuildStamp } from '../render/build-stamp';
import { formatDuration as age } from '../status';
import type { Finding } from './doctor';

/**
 * `outpost doctor --mirror URL --mirror URL`: whether every host the page is published to serves the same build
 * (/build.json) and the same /status.json, and in plain words which one is behind, unreachable or broken.
 */

/** The fields of /status.json a host comparison reads; the rest is the page's business. */
const statusSchema = z.object({
  generatedAt: z.iso.datetime(),
  staleAt: z.iso.datetime().nullable(),
  look: z.object({ words: z.string() }),
});
type StatusRead = z.infer<typeof statusSchema>;

/** One file as a host served it: parsed, with its text, or the problem in plain words. */
export type Served<T> = { ok: true; value: T; text: string } | { ok: false; problem: string; unreachable?: boolean };

/** What one host served. */
export type HostRead = { url: string; build: Served<BuildStamp>; status: Served<StatusRead> };

/** Fetches /build.json and /status.json from the host at `url` (each within `timeoutMs`). */
export async function readHost(url: string, timeoutMs = 5_000): Promise<HostRead> {
  const base = url.endsWith('/') ? url : `${url}/`;
  const [build, status] = await Promise.all([fetchFile(base, 'build.json', buildStampSchema, timeoutMs), fetchFile(base, 'status.json', statusSchema, timeoutMs)]);
  return { url: base.replace(/\/$/, ''), build, status };
}

async function fetchFile<T>(base: string, file: string, schema: z.ZodType<T>, timeoutMs: number): Promise<Served<T>> {
  let text: string;
  try {
    // Past any cache between here and the host: the answer is what readers get now.
    const response = await fetch(new URL(file, base), { headers: { 'Cache-Control': 'no-cache' }, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
    if (!response.ok) return { ok: false, problem: `/${file} answers HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, problem: `unreachable: ${whyUnreachable(error, timeoutMs)}`, unreachable: true };
  }
  return parseServed(file, text, schema);
}

/** A served file's text checked against its schema: every problem one line, `field: expected …, got …`. */
export function parseServed<T>(file: string, text: string, schema: z.ZodType<T>): Served<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `/${file} is broken: not JSON (${JSON.stringify(text.slice(0, 40))}${text.length > 40 ? '…' : ''}, ${text.length} bytes)` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data, text };
  const issue = parsed.error.issues[0]!;
  const got = issue.path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), json);
  const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  return { ok: false, problem: `/${file} is broken: ${issue.path.join('.') || '(the whole file)'}: ${expected}, got ${JSON.stringify(got) ?? 'nothing'}` };
}

/** Why a request got no answer, in a few words: `connection refused`, `no answer within 5 s`, the error code. */
export function whyUnreachable(error: unknown, timeoutMs: number): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (nothing listens there)';
  if (cause?.code === 'ENOTFOUND') return 'no such host (DNS)';
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** The stamp of the build `out` links to, or null when there is none (doctor run away from the build host). */
export function localBuild(out: string): BuildStamp | null {
  const state = served(path.resolve(out));
  if (state.kind === 'none') return null;
  try {
    const parsed = parseServed('build.json', fs.readFileSync(path.join(out, 'build.json'), 'utf8'), buildStampSchema);
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}

/**
 * Findings for what each host served, compared with each other and with this machine's own build (`local`, when
 * doctor runs where the site is built). Pure: `now` is the reader's moment, for the staleness of status.json.
 */
export function mirrorFindings(hosts: readonly HostRead[], local: BuildStamp | null, now: Date): Finding[] {
  const findings: Finding[] = [];
  const builds = hosts.flatMap((h) => (h.build.ok ? [{ url: h.url, stamp: h.build.value }] : []));
  const candidates = [...(local ? [{ url: 'this machine’s out/', stamp: local }] : []), ...builds];
  const newest = candidates.reduce<(typeof candidates)[number] | null>((a, b) => (!a || Date.parse(b.stamp.builtAt) > Date.parse(a.stamp.builtAt) ? b : a), null);
  const statuses = hosts.flatMap((h) => (h.status.ok ? [{ url: h.url, value: h.status.value, text: h.status.text }] : []));
  const newestStatus = statuses.reduce<(typeof statuses)[number] | null>((a, b) => (!a || Date.parse(b.value.generatedAt) > Date.parse(a.value.generatedAt) ? b : a), null);
  const others = (url: string) => hosts.filter((h) => h.url !== url).map((h) => h.url).join(' and ') || 'no other host';

  for (const host of hosts) {
    const topic = `host ${host.url}`;
    if (!host.build.ok && host.build.unreachable) {
      findings.push({ level: 'fail', topic, message: host.build.problem, fix: `is it up (web server, DNS, certificate)? Until it is, only ${others(host.url)} can serve readers: a failover record sends them there (docs/hosting.md)` });
      continue;
    }
    const problems = [host.build, host.status].flatMap((s) => (s.ok ? [] : [s.problem]));
    for (const problem of problems) {
      findings.push({ level: 'fail', topic, message: problem, fix: 'publish the current build to it again (docs/hosting.md); a file cut short or replaced on the host stays so until then' });
    }
    const parts: string[] = [];
    if (host.build.ok) {
      const { id, builtAt } = host.build.value;
      if (newest && newest.stamp.id !== id) {
        findings.push({
          level: 'fail',
          topic,
          message: `behind: serves the build of ${builtAt} (${id}), ${age(Date.parse(newest.stamp.builtAt) - Date.parse(builtAt))} older than ${newest.url === 'this machine’s out/' ? newest.url : `${newest.url}’s`} (${newest.stamp.id})`,
          fix: 'publish the current build to it (deploy/static/push-site.sh or rsync, docs/hosting.md); is its upload step failing?',
        });
      } else parts.push(`serves the current build (${id}, built ${builtAt})`);
    }
    if (host.status.ok) {
      const { generatedAt, staleAt, look } = host.status.value;
      if (newestStatus && newestStatus.text !== host.status.text && Date.parse(generatedAt) < Date.parse(newestStatus.value.generatedAt)) {
        findings.push({
          level: 'fail',
          topic,
          message: `behind: its /status.json is of ${generatedAt}, ${age(Date.parse(newestStatus.value.generatedAt) - Date.parse(generatedAt))} older than ${newestStatus.url}’s`,
          fix: 'send the live files to it after every publish too (deploy/static/push-live.sh, or rsync out/status.json)',
        });
      } else if (staleAt !== null && Date.parse(staleAt) < now.getTime()) {
        findings.push({
          level: 'fail',
          topic,
          message: `its /status.json went stale ${age(now.getTime() - Date.parse(staleAt))} ago (${staleAt}): nothing has confirmed the status since`,
          fix: 'is the pinger running and publishing, and does each publish reach this host?',
        });
      } else parts.push(`/status.json of ${generatedAt} says “${look.words}”`);
    }
    if (parts.length === 2 && problems.length === 0) findings.push({ level: 'ok', topic, message: parts.join('; ') });
  }

  const agree = hosts.length > 1 && hosts.every((h) => h.build.ok && h.status.ok && h.build.value.id === builds[0]!.stamp.id && h.status.text === statuses[0]!.text);
  if (agree) findings.push({ level: 'ok', topic: 'hosts', message: `all ${hosts.length} serve the same build and the same /status.json` });
  return findings;
}
