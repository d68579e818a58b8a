import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { StatuspageCheck } from '../../content';
import { cutText } from '../../shared/words';
import { because, recorded, type ReasonPart } from '../../status/reason';
import { upstreamVerdict, type Upstream } from '../schema';
import { downOutcome, elapsed, verdictOf, type Outcome, type ProbeOptions } from './outcome';
import { exchange } from './http';

/**
 * Reads another status page's Statuspage v2 JSON (`/api/v2/summary.json` or `components.json`): every
 * Statuspage-hosted page and Outpost itself serve it. The verdict is the upstream's own word about the
 * components followed: operational or under maintenance is up, degraded or partial outage degraded, major
 * outage down. An upstream that cannot be read (no answer, not JSON, not Statuspage's shape) is down with
 * the reason, and no `upstream` is kept, so the page can say it is unreachable rather than guess.
 */

const statuses = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
const status = z.enum(statuses);
type Status = z.infer<typeof status>;

/** The parts of a Statuspage v2 document this reads; anything else in it is ignored. */
const document = z
  .object({
    page: z.object({ name: z.string() }),
    components: z.array(z.object({ id: z.string(), name: z.string(), status, group: z.boolean().optional() })).optional(),
    status: z.object({ indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']) }).optional(),
    incidents: z.array(z.object({ name: z.string(), status: z.string(), impact: z.string(), components: z.array(z.object({ id: z.string() })).optional() })).optional(),
  })
  .refine((d) => d.components !== undefined || d.status !== undefined, { error: 'neither components nor status' });

/** The page indicator as a component status, for a check that follows the whole page of a summary. */
const indicatorStatus = { none: 'operational', minor: 'degraded_performance', major: 'partial_outage', critical: 'major_outage', maintenance: 'under_maintenance' } as const;

/**
 * Upstream text as plain text: control and bidirectional-override characters become spaces, runs of
 * space one, and it is cut at `max` characters. Markup stays as written (`<b>` is four characters), since
 * the page shows it as text.
 */
export function plainText(text: string, max: number): string {
  const plain = text.replace(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu, ' ').replace(/\s+/g, ' ').trim();
  return cutText(plain, max);
}

/** Requests the upstream JSON (the pinger's timeout and body cap) and judges what it says. */
export async function probeStatuspage(check: StatuspageCheck, options: ProbeOptions): Promise<Outcome> {
  const started = performance.now();
  let answer;
  try {
    answer = await exchange(new URL(check.url), { method: 'GET', headers: { accept: 'application/json' }, body: undefined }, started + options.timeoutMs, options);
  } catch (error) {
    return downOutcome(error, { totalMs: elapsed(started) });
  }
  const phases = { ...answer.phases, totalMs: elapsed(started) };
  const down = (why: ReasonPart): Outcome => ({ ...verdictOf('down', why), httpStatus: answer.status, phases });
  if (answer.status >= 300 && answer.status < 400) return down(because.upstreamRedirect(answer.status));
  if (answer.status < 200 || answer.status >= 300) return down(because.upstreamHttp(answer.status));
  if (answer.truncated) return down(because.upstreamTooLarge(options.maxBodyBytes));
  let data: unknown;
  try {
    data = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return down(because.upstreamNotJson());
  }
  const parsed = document.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return down(because.upstreamNotStatuspage(issue.path.join('.'), issue.message));
  }
  const read = judgeUpstream(check, parsed.data);
  if ('key' in read) return down(read);
  return { verdict: upstreamVerdict[read.status], ...recorded(because.upstreamSays(read)), httpStatus: answer.status, phases, upstream: read };
}

/** What the document says about the followed components, or why it cannot say (a named component it lacks). Pure. */
export function judgeUpstream(check: Pick<StatuspageCheck, 'components'>, doc: z.infer<typeof document>): Upstream | ReasonPart {
  const all = (doc.components ?? []).filter((c) => !c.group);
  const followed = check.components.map((wanted) => all.find((c) => c.id === wanted) ?? all.find((c) => c.name.toLowerCase() === wanted.toLowerCase()) ?? wanted);
  const missing = followed.filter((c): c is string => typeof c === 'string');
  if (missing.length > 0) return because.upstreamMissing(missing.map((m) => JSON.stringify(plainText(m, 80))), all.map((c) => plainText(c.name, 40)));
  const components = followed.length > 0 ? (followed as typeof all) : all;
  const worst = (list: readonly Status[]) => list.reduce<Status>((a, b) => (statuses.indexOf(b) > statuses.indexOf(a) ? b : a), 'operational');
  const overall = followed.length === 0 && doc.status ? indicatorStatus[doc.status.indicator] : worst(components.map((c) => c.status));
  const ids = new Set(components.map((c) => c.id));
  const incidents = (doc.incidents ?? []).filter((i) => followed.length === 0 || !i.components || i.components.some((c) => ids.has(c.id)));
  return {
    page: plainText(doc.page.name, 80),
    status: overall,
    components: components.map((c) => ({ name: plainText(c.name, 80), status: c.status })),
    incidents: incidents.map((i) => ({ name: plainText(i.name, 200), status: plainText(i.status, 40), impact: plainText(i.impact, 40) })),
  };
}
