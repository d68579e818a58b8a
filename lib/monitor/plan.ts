import { checkIdOf, envReference, providerCheck, type Check, type Monitoring, type Site, type Webhook } from '../content';
import type { ProbeOptions } from './probes/outcome';

/** The variables `${env:NAME}` may read: `process.env` by default, any plain map in tests. */
type Env = Readonly<Record<string, string | undefined>>;

/** A check ready to run: its id, its component, and every setting resolved against the site's defaults. */
export type PlannedCheck = {
  id: string;
  componentId: string;
  /** The definition, with `${env:…}` references in headers already expanded (kept in memory only). */
  check: Check;
  intervalSeconds: number;
  retries: number;
  retryDelayMs: number;
  probe: ProbeOptions;
};

/** A configuration the pinger cannot run with, e.g. a header reading an environment variable that is not set. */
export class PlanError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PlanError';
  }
}

/** Every check in the site, in site order, then each provider's; resolved and with secrets read from `env`; throws PlanError listing every problem. */
export function planChecks(site: Site, env: Env = process.env): PlannedCheck[] {
  const problems: string[] = [];
  const planned = (id: string, componentId: string, check: Check): PlannedCheck => ({
    id,
    componentId,
    check: check.type === 'http' ? { ...check, headers: expandHeaders(check.headers, env, `check ${id}`, problems) } : check,
    intervalSeconds: check.intervalSeconds ?? site.monitoring.intervalSeconds,
    retries: check.retries ?? site.monitoring.retries,
    retryDelayMs: check.retryDelayMs ?? site.monitoring.retryDelayMs,
    probe: probeOptions(check, site.monitoring),
  });
  const plans = [
    ...site.components.flatMap((component) => component.checks.map((check, index) => planned(checkIdOf(component.id, check, index), component.id, check))),
    // A provider's results are stored under its own id, which no component has: they never vote for ours.
    ...site.providers.map((p) => planned(p.id, p.id, providerCheck(p))),
  ];
  if (problems.length > 0) throw new PlanError(problems);
  return plans;
}

/** A check's probe options: its own timing where set, else the site's. */
function probeOptions(check: Check, monitoring: Monitoring): ProbeOptions {
  return {
    timeoutMs: check.timeoutMs ?? monitoring.timeoutMs,
    degradedAboveMs: check.degradedAboveMs ?? monitoring.degradedAboveMs,
    maxBodyBytes: monitoring.maxBodyBytes,
  };
}

/** The site's webhooks with their `${env:…}` references expanded; throws PlanError listing every unset variable. */
export function planWebhooks(monitoring: Monitoring, env: Env = process.env): Webhook[] {
  const problems: string[] = [];
  const hooks = monitoring.webhooks.map((hook, i) => {
    const what = `webhook ${i + 1}`;
    const url = expand(hook.url, env, `${what} url`, problems);
    if (!problems.length && !/^https?:\/\//.test(url)) problems.push(`${what} url: expected an http(s) URL in the environment variable, got something else`);
    return { ...hook, url, headers: expandHeaders(hook.headers, env, what, problems) };
  });
  if (problems.length > 0) throw new PlanError(problems);
  return hooks;
}

function expandHeaders(headers: Record<string, string>, env: Env, what: string, problems: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, expand(value, env, `${what} header ${name}`, problems)]));
}

/** Replaces each `${env:NAME}`; an unset or empty variable is a problem (never sent as an empty secret). */
function expand(value: string, env: Env, what: string, problems: string[]): string {
  return value.replace(envReference, (_, name: string) => {
    const found = env[name];
    if (!found) {
      problems.push(`${what}: reads \${env:${name}}, which is not set`);
      return '';
    }
    return found;
  });
}
