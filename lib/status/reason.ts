import { z } from 'zod';
import type { ComponentStatus } from '../content';
import { languages, words, type Key, type Words } from '../i18n';
import { cutText } from '../shared/words';

/**
 * Why a check gave its verdict, as the pinger records it: a list of parts, each a locale key under `reason.` with
 * named values (numbers, status codes, names…), so every reader sees it in the site's language
 * (docs/languages.md). `reasonText(reason, words('en'))` is the English the pinger has always written
 * (`HTTP 503 (expected 2xx)`, `HTTP 200; slow: 2300 ms (degraded above 2000 ms)`): the store keeps it beside the
 * structured form for logs, alerts and the report files. This is the one home of reasons: the schema, the
 * constructors the probes call (`because`), and the rendering. Its keys are part of the store's format: renaming
 * one needs a store migration.
 */

/** A locale key a reason part may name: the `reason.*` keys of the English locale, less the separator. */
export type ReasonKey = Exclude<Extract<Key, `reason.${string}`>, 'reason.join'>;
const reasonKeys = Object.keys(languages.en.messages).filter((key): key is ReasonKey => key.startsWith('reason.') && key !== 'reason.join');

/** One part of a reason: a message and the values set into it. */
export const reasonPart = z.strictObject({
  /** The locale key of its message (`reason.http`). */
  key: z.enum(reasonKeys as [ReasonKey, ...ReasonKey[]]),
  /**
   * The values for its placeholders: a string or number as measured (`{ status: 503 }`), or a list of words and
   * parts that the language lists (`API partial outage, Web major outage`). Absent when the message has none.
   */
  get vars() {
    return z.record(z.string(), z.union([z.string(), z.number(), z.array(z.union([z.string(), reasonPart]))])).optional();
  },
});
export type ReasonPart = z.infer<typeof reasonPart>;

/** A whole reason: its parts, joined by the language's separator (`; ` in English) when there are several. */
export const reason = z.array(reasonPart).min(1);
export type Reason = z.infer<typeof reason>;

/** English: the language of the store's `reason`, the logs, the alerts and the report files. */
const english = words('en');

/** Upstream pages' own words can be long: a reason quoting them is cut at this many characters, in every language. */
const upstreamMaxChars = 400;
const upstreamKeys = new Set<ReasonKey>(['reason.upstreamSays', 'reason.upstreamSaysTroubled']);
/** A reason quoting an upstream, as plain text: runs of space as one (an empty name leaves two), no space at the ends. */
const upstreamPlain = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A reason in `w`'s language: each part's message with its values set in (numbers as measured, not grouped), joined. */
export function reasonText(reason: Reason, w: Words): string {
  const text = joined(reason, w);
  return reason.some((p) => upstreamKeys.has(p.key)) ? cutText(upstreamPlain(text), upstreamMaxChars) : text;
}

function joined(reason: Reason, w: Words): string {
  return reason.map((p) => partText(p, w)).join(w.t('reason.join'));
}

function partText({ key, vars = {} }: ReasonPart, w: Words): string {
  const values = Object.fromEntries(
    Object.entries(vars).map(([name, value]) => [name, Array.isArray(value) ? w.list(value.map((item) => (typeof item === 'string' ? item : partText(item, w)))) : value]),
  );
  return w.t(key, values, { grouping: false });
}

/** What a record of a reason holds: the English text, and the structured form unless it was recorded before there was one. */
export type RecordedReason = { reason: string; why?: Reason | null | undefined };

/** The store's two forms of a reason: the structured one and its English text. */
export function recorded(why: Reason): { reason: string; why: Reason } {
  return { reason: reasonText(why, english), why };
}

/** A recorded reason in `w`'s language; one recorded before reasons had a structured form (format 2) is shown as recorded, in English. */
export function shownReason(record: RecordedReason, w: Words): string {
  return record.why ? reasonText(record.why, w) : record.reason;
}

/** The keys of failures whose message has no value in it: Node's error codes in words, mostly. */
export type PlainKey = `reason.${
  | 'connectionRefused' | 'connectionReset' | 'connectionClosedWhileSending' | 'connectionAborted' | 'hostUnreachable' | 'networkUnreachable'
  | 'addressNotAvailable' | 'networkError' | 'dnsNameNotFound' | 'dnsTemporaryFailure' | 'dnsLookupFailed' | 'dnsNoRecordOfType'
  | 'dnsServerFailure' | 'dnsQueryRefused' | 'dnsNoAnswerInTime' | 'dnsServerRefused' | 'tlsCertExpired' | 'tlsCertNotYetValid'
  | 'tlsSelfSigned' | 'tlsSelfSignedInChain' | 'tlsChainIncomplete' | 'tlsIssuerNotTrusted' | 'tlsCertRevoked' | 'tlsCertNotTrusted'
  | 'tlsHostMismatch' | 'tlsHandshakeFailed' | 'tlsNotTlsServer'}`;

const part = (key: ReasonKey, vars?: ReasonPart['vars']): ReasonPart => (vars ? { key, vars } : { key });
/** A count as the messages print it: a whole number, never `-0`. */
const whole = (n: number) => Math.trunc(n) + 0;

/** A status an upstream page reports, in the reason's own words (`partial outage`). */
const upstreamStatus = (status: ComponentStatus): ReasonPart[] => [part(`reason.upstream.${status}`)];

/** What an upstream status page says about the components a check follows (lib/monitor/schema.ts `upstream`). */
export type UpstreamSaying = {
  page: string;
  status: ComponentStatus;
  components: readonly { name: string; status: ComponentStatus }[];
  incidents: readonly { name: string; status: string }[];
};

/** The constructors the probes call: one per phrasing, named for what went wrong (or right). */
export const because = {
  connected: () => part('reason.connected'),
  handshakeComplete: () => part('reason.handshakeComplete'),
  /** `HTTP 200` */
  http: (status: number) => part('reason.http', { status }),
  /** `HTTP 200 (body cut at 1048576 bytes)` */
  httpBodyCut: (status: number, bytes: number) => part('reason.httpBodyCut', { status, bytes }),
  /** `HTTP 503 (expected 2xx)`: `expected` as configured, `2xx | 301`. */
  httpUnexpected: (status: number, expected: string) => part('reason.httpUnexpected', { status, expected }),
  redirectLoop: (redirects: number) => part('reason.redirectLoop', { count: redirects }),
  tooManyRedirects: (max: number) => part('reason.tooManyRedirects', { count: max }),
  bodyMissingText: () => part('reason.bodyMissingText'),
  bodyMissingTextInCap: (bytes: number) => part('reason.bodyMissingTextInCap', { bytes }),
  bodyTooLargeForJson: (bytes: number) => part('reason.bodyTooLargeForJson', { bytes }),
  bodyNotJson: () => part('reason.bodyNotJson'),
  jsonMissing: (path: string) => part('reason.jsonMissing', { path }),
  /** `JSON status is "degraded" (expected "ok")`: the values as short JSON. */
  jsonMismatch: (path: string, actual: string, expected: string) => part('reason.jsonMismatch', { path, actual, expected }),
  /** `slow: 2300 ms (degraded above 2000 ms)` */
  slow: (ms: number, limitMs: number) => part('reason.slow', { ms: Math.round(ms), limit: limitMs }),
  certValidFor: (days: number) => part('reason.certValidFor', { count: whole(days) }),
  certExpiresIn: (days: number) => part('reason.certExpiresIn', { count: whole(days) }),
  /** `TLS: certificate expired 3 days ago` (`less than a day ago` under one). */
  certExpiredAgo: (days: number) => (days < 1 ? part('reason.certExpiredToday') : part('reason.certExpiredDaysAgo', { count: whole(days) })),
  timeoutConnection: (ms: number) => part('reason.timeoutConnection', { ms }),
  timeoutResponse: (ms: number) => part('reason.timeoutResponse', { ms }),
  timeoutBody: (ms: number) => part('reason.timeoutBody', { ms }),
  timeoutHandshake: (ms: number) => part('reason.timeoutHandshake', { ms }),
  resetReadingBody: () => part('reason.resetReadingBody'),
  /** A failure with nothing to say but its name (`reason.connectionRefused`, `reason.tlsSelfSigned`, …). */
  plain: (key: PlainKey) => part(key),
  /** A failure Outpost has no words for, named by Node's error code: `network error (EXYZ)`, `invalid HTTP response (HPE_…)`. */
  code: (key: 'reason.networkErrorCode' | 'reason.invalidHttp' | 'reason.tlsHandshakeFailedCode', code: string) => part(key, { code }),
  dnsNoAnswerWithin: (ms: number) => part('reason.dnsNoAnswerWithin', { ms }),
  /** `2 A answers` */
  dnsAnswers: (count: number, type: string) => part('reason.dnsAnswers', { count, type }),
  dnsNoRecord: (type: string) => part('reason.dnsNoRecord', { type }),
  dnsNoMatch: (type: string, answers: number) => part('reason.dnsNoMatch', { type, count: answers }),
  upstreamRedirect: (status: number) => part('reason.upstreamRedirect', { status }),
  upstreamHttp: (status: number) => part('reason.upstreamHttp', { status }),
  upstreamTooLarge: (bytes: number) => part('reason.upstreamTooLarge', { bytes }),
  upstreamNotJson: () => part('reason.upstreamNotJson'),
  /** The first problem zod found in an upstream's JSON: where (empty at the top level) and what, in zod's words. */
  upstreamNotStatuspage: (path: string, problem: string) => (path ? part('reason.upstreamNotStatuspage', { path, problem }) : part('reason.upstreamNotStatuspageTop', { problem })),
  /** Components a check names that the upstream lacks (quoted), and those it has. */
  upstreamMissing: (missing: readonly string[], known: readonly string[]) =>
    known.length > 1 || known[0] ? part('reason.upstreamMissing', { missing: [...missing], known: [...known] }) : part('reason.upstreamMissingNoneKnown', { missing: [...missing] }),
  /**
   * `Stripe: partial outage (API partial outage); incident "Elevated errors" (identified)`: the upstream's status, its
   * troubled components and its incidents. Components and incidents past what the English shows (cut at 400
   * characters) are not kept, so a page with many of them stays small in the store.
   */
  upstreamSays(upstream: UpstreamSaying): Reason {
    const status = upstreamStatus(upstream.status);
    const head = (components: ReasonPart[]) =>
      components.length > 0 ? part('reason.upstreamSaysTroubled', { page: upstream.page, status, components }) : part('reason.upstreamSays', { page: upstream.page, status });
    const full = (reason: Reason) => upstreamPlain(joined(reason, english)).length > upstreamMaxChars;
    const components: ReasonPart[] = [];
    for (const c of upstream.components.filter((c) => c.status !== 'operational')) {
      if (full([head(components)])) break;
      components.push(part('reason.upstreamComponent', { name: c.name, status: upstreamStatus(c.status) }));
    }
    const reason: Reason = [head(components)];
    for (const i of upstream.incidents) {
      if (full(reason)) break;
      reason.push(part('reason.upstreamIncident', { name: i.name, status: i.status }));
    }
    return reason;
  },
};
