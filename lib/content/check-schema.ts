import { z } from 'zod';
import { describe, httpUrl, id } from './fields';

/**
 * Check definitions: what the pinger probes for each component. They live in site.yaml beside the
 * component they watch, but they are the pinger's business only: no target, header or secret here
 * ever reaches `out/` (lib/publish never reads them).
 */

const positiveMs = z.number().int().positive();

/** `${env:NAME}`: a reference to an environment variable, read by the pinger when it runs. */
export const envReference = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * A header value: plain text with any number of `${env:NAME}` references, so secrets stay out of git.
 * Any other `${…}` is refused rather than sent as written: it is almost always a typo.
 */
const headerValue = z.string().refine((value) => !value.replace(envReference, '').includes('${'), {
  error: (i) => `expected plain text or \${env:NAME} references (NAME of letters, digits, _), got ${JSON.stringify(i.input)}`,
});

/** Header name → value; values may read the environment (`Bearer ${env:API_TOKEN}`). */
const headers = z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: (i) => `expected an HTTP header name, got ${JSON.stringify(i.input)}` }), headerValue).default({});

/** Settings every check type shares; each falls back to the site's `monitoring` defaults. */
const common = {
  /** Names the check in logs and the store; defaults to the component id, with `-2`, `-3`… after the first. */
  id: id.optional(),
  /** How often the check runs in `--watch` mode. */
  intervalSeconds: z.number().int().min(5).max(86_400).optional(),
  /** How long one attempt may take before it counts as down. */
  timeoutMs: positiveMs.max(120_000).optional(),
  /** Extra attempts after a failure before the round counts as failed. */
  retries: z.number().int().min(0).max(10).optional(),
  /** Pause between those attempts. */
  retryDelayMs: z.number().int().min(0).max(60_000).optional(),
  /** Above this total latency an up result counts as degraded. */
  degradedAboveMs: positiveMs.optional(),
};

/** A status code (200) or a class of them ("2xx"). */
const statusExpectation = z.union([
  z.number().int().min(100).max(599),
  z.string().regex(/^[1-5]xx$/, { error: (i) => `expected a status code or a class like "2xx", got ${JSON.stringify(i.input)}` }),
]);

export const httpCheck = z.strictObject({
  type: z.literal('http'),
  ...common,
  /** The URL to request: http or https. */
  url: httpUrl,
  /** The request method. */
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS']).default('GET'),
  /** Request headers; a value may read the environment with `${env:NAME}` so secrets stay out of git. */
  headers,
  /** Request body, for POST/PUT. */
  body: z.string().optional(),
  /** Status codes that count as up. */
  expectStatus: z.array(statusExpectation).min(1).default(['2xx']),
  /** The response body must contain this text. */
  bodyContains: z.string().min(1).optional(),
  /** A value in the JSON body, by dotted path (`status.db`), must equal this. */
  json: z
    .strictObject({
      path: z.string().min(1),
      equals: z.union([z.string(), z.number(), z.boolean(), z.null()], { error: (i) => `expected a string, number, true, false or null, got ${describe(i.input)}` }),
    })
    .optional(),
  /** Redirects followed before giving up. */
  maxRedirects: z.number().int().min(0).max(20).default(5),
  /** For https: a certificate closer than this to expiry counts as degraded. */
  certExpiryDays: z.number().int().min(0).max(365).default(14),
});

export type HttpCheck = z.infer<typeof httpCheck>;

export const tcpCheck = z.strictObject({
  type: z.literal('tcp'),
  ...common,
  /** The host name or address to connect to. */
  host: z.string().min(1),
  /** The port that must accept a connection. */
  port: z.number().int().min(1).max(65_535),
});

export type TcpCheck = z.infer<typeof tcpCheck>;

export const dnsCheck = z.strictObject({
  type: z.literal('dns'),
  ...common,
  /** The name to resolve. */
  name: z.string().min(1),
  /** The record type to ask for. */
  recordType: z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS']).default('A'),
  /** When set, one of the answers must equal this. */
  expect: z.string().min(1).optional(),
  /** A resolver to ask instead of the system's (`1.1.1.1` or `127.0.0.1:5353`). */
  server: z.string().min(1).optional(),
});

export type DnsCheck = z.infer<typeof dnsCheck>;

export const tlsCheck = z.strictObject({
  type: z.literal('tls'),
  ...common,
  /** The host whose certificate is checked (also sent as SNI). */
  host: z.string().min(1),
  /** The TLS port. */
  port: z.number().int().min(1).max(65_535).default(443),
  /** A certificate closer than this to expiry counts as degraded. */
  certExpiryDays: z.number().int().min(0).max(365).default(14),
});

export type TlsCheck = z.infer<typeof tlsCheck>;

/** What a statuspage check reads from another status page, and how it is shown. */
const upstreamFields = {
  /** Another status page's Statuspage v2 JSON: `…/api/v2/summary.json` or `…/api/v2/components.json`. */
  url: httpUrl,
  /** Upstream components to follow, by id or name (any case); none follows the whole page. */
  components: z.array(z.string().trim().min(1)).default([]),
  /** The upstream page readers are linked to; the url's origin by default. */
  page: httpUrl.optional(),
};

/** Another status page, read as a provider this component depends on. */
export const statuspageCheck = z.strictObject({
  type: z.literal('statuspage'),
  ...common,
  ...upstreamFields,
  /**
   * An upstream problem counts as this component's own (its status and uptime) only when true; by default
   * it is shown beside the component as the provider's.
   */
  affects: z.boolean().default(false),
});

export type StatuspageCheck = z.infer<typeof statuspageCheck>;

/** One probe definition. */
export const check = z.discriminatedUnion('type', [httpCheck, tcpCheck, dnsCheck, tlsCheck, statuspageCheck], {
  error: (issue) =>
    issue.code === 'invalid_union' ? `expected type http | tcp | dns | tls | statuspage, got ${JSON.stringify((issue.input as { type?: unknown })?.type ?? null)}` : undefined,
});
export type Check = z.infer<typeof check>;

/** Does the check speak for its component's status and uptime? All do but a statuspage check without `affects: true`. */
export function ownCheck(check: Check): boolean {
  return check.type !== 'statuspage' || check.affects;
}

/** A provider: another status page shown in the page's Providers group, never as one of our components. */
export const provider = z.strictObject({
  /** Names it in the store and logs, like a check id; unique among check ids. */
  id,
  /** The provider's name as readers see it (`Stripe`). */
  name: z.string().trim().min(1),
  ...upstreamFields,
  intervalSeconds: common.intervalSeconds,
  timeoutMs: common.timeoutMs,
  retries: common.retries,
  retryDelayMs: common.retryDelayMs,
});
export type Provider = z.infer<typeof provider>;

/** A provider as the pinger runs it: a statuspage check that never affects a component of ours. */
export function providerCheck(p: Provider): StatuspageCheck {
  const { id, name: _, ...rest } = p;
  return { type: 'statuspage', id, ...rest, affects: false };
}

/** A place the pinger POSTs to when an outage is confirmed or recovers. */
export const webhook = z.strictObject({
  /** Where to POST: an http(s) URL, or `${env:NAME}` when the URL itself is a secret (Slack's are). */
  url: z.union([httpUrl, z.string().regex(/^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/)], {
    error: (i) => `expected an http(s) URL or \${env:NAME}, got ${JSON.stringify(i.input)}`,
  }),
  /** `json` sends Outpost's own body; `slack` sends `{text}` for Slack-compatible incoming webhooks. */
  format: z.enum(['json', 'slack']).default('json'),
  /** Extra request headers; values may read the environment like check headers. */
  headers,
});
export type Webhook = z.infer<typeof webhook>;

/** Site-wide pinger defaults; each check may override the timing ones. */
export const monitoring = z
  .strictObject({
    intervalSeconds: z.number().int().min(5).max(86_400).default(60),
    timeoutMs: positiveMs.max(120_000).default(10_000),
    retries: z.number().int().min(0).max(10).default(2),
    retryDelayMs: z.number().int().min(0).max(60_000).default(2_000),
    degradedAboveMs: positiveMs.default(2_000),
    /** Consecutive failed rounds before an outage is confirmed. */
    failuresToOpen: z.number().int().min(1).max(20).default(2),
    /** Consecutive good rounds before a confirmed outage closes. */
    successesToClose: z.number().int().min(1).max(20).default(1),
    /** How many fresh locations must agree before a component is down: "majority" or a number. */
    quorum: z
      .union([z.literal('majority'), z.number().int().min(1)], { error: (i) => `expected majority or a whole number of at least 1, got ${describe(i.input)}` })
      .default('majority'),
    /** How many checks run at once. */
    concurrency: z.number().int().min(1).max(256).default(16),
    /** A response body is read up to this many bytes, no further. */
    maxBodyBytes: z.number().int().min(1_024).max(10_485_760).default(1_048_576),
    webhooks: z.array(webhook).default([]),
  })
  .prefault({});
export type Monitoring = z.infer<typeof monitoring>;

/** A check's id: its own, else the component id for the first check and `<component>-<n>` after. */
export function checkIdOf(componentId: string, check: Pick<Check, 'id'>, index: number): string {
  return check.id ?? (index === 0 ? componentId : `${componentId}-${index + 1}`);
}
