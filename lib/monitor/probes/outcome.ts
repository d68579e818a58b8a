import { performance } from 'node:perf_hooks';
import { because, recorded, type PlainKey, type Reason, type ReasonPart } from '../../status/reason';
import type { Phases, Upstream, Verdict } from '../schema';

/** What one attempt of a probe found, before the runner adds when, where and which check: `why` in parts, `reason` its English text. */
export type Outcome = { verdict: Verdict; reason: string; why: Reason; httpStatus?: number; phases: Phases; upstream?: Upstream };

/** How a probe runs, from the check's settings merged with the site's monitoring defaults. */
export type ProbeOptions = {
  /** The attempt's whole budget: connect, redirects, body. */
  timeoutMs: number;
  /** Above this total latency an answer that is otherwise up counts as degraded. */
  degradedAboveMs: number;
  /** A response body is read up to this many bytes and no further. */
  maxBodyBytes: number;
  /** Extra trusted certificate authorities (PEM), for a product behind a private CA. */
  ca?: string;
};

/** An attempt that failed for a reason that can be put in words. */
export class ProbeFailure extends Error {
  constructor(readonly why: ReasonPart) {
    super(recorded([why]).reason);
    this.name = 'ProbeFailure';
  }
}

/** Node's error codes in words. Node's own messages name hosts and addresses, which must not reach the page. */
const codeWords: Record<string, PlainKey> = {
  ECONNREFUSED: 'reason.connectionRefused',
  ECONNRESET: 'reason.connectionReset',
  EPIPE: 'reason.connectionClosedWhileSending',
  ECONNABORTED: 'reason.connectionAborted',
  EHOSTUNREACH: 'reason.hostUnreachable',
  ENETUNREACH: 'reason.networkUnreachable',
  EADDRNOTAVAIL: 'reason.addressNotAvailable',
  ENOTFOUND: 'reason.dnsNameNotFound',
  EAI_AGAIN: 'reason.dnsTemporaryFailure',
  EAI_FAIL: 'reason.dnsLookupFailed',
  ENODATA: 'reason.dnsNoRecordOfType',
  ESERVFAIL: 'reason.dnsServerFailure',
  EREFUSED: 'reason.dnsQueryRefused',
  ETIMEOUT: 'reason.dnsNoAnswerInTime',
  CERT_HAS_EXPIRED: 'reason.tlsCertExpired',
  CERT_NOT_YET_VALID: 'reason.tlsCertNotYetValid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'reason.tlsSelfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'reason.tlsSelfSignedInChain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'reason.tlsChainIncomplete',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'reason.tlsIssuerNotTrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'reason.tlsIssuerNotTrusted',
  CERT_REVOKED: 'reason.tlsCertRevoked',
  CERT_UNTRUSTED: 'reason.tlsCertNotTrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'reason.tlsHostMismatch',
  EPROTO: 'reason.tlsHandshakeFailed',
  ERR_SSL_WRONG_VERSION_NUMBER: 'reason.tlsNotTlsServer',
};

/** A failure's reason in words, never Node's raw message (it names the target). */
export function failureReason(error: unknown): ReasonPart {
  if (error instanceof ProbeFailure) return error.why;
  const code = typeof error === 'string' ? error : (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && Object.hasOwn(codeWords, code)) return because.plain(codeWords[code]!);
  if (code?.startsWith('HPE_')) return because.code('reason.invalidHttp', code);
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) return because.code('reason.tlsHandshakeFailedCode', code);
  return code ? because.code('reason.networkErrorCode', code) : because.plain('reason.networkError');
}

/** A verdict with its reason's parts, in both the forms an outcome carries. */
export function verdictOf(verdict: Verdict, first: ReasonPart, ...more: ReasonPart[]): Pick<Outcome, 'verdict' | 'reason' | 'why'> {
  return { verdict, ...recorded([first, ...more]) };
}

/** A down outcome for a failure, with the time spent. */
export function downOutcome(error: unknown, phases: Phases): Outcome {
  return { ...verdictOf('down', failureReason(error)), phases };
}

/** Milliseconds between two `performance.now()` marks, to a tenth. */
export function elapsed(from: number, to: number = performance.now()): number {
  return Math.max(0, Math.round((to - from) * 10) / 10);
}

/** Degraded when an otherwise good answer was slower than allowed or its certificate is close to expiry. */
export function judge(good: ReasonPart, totalMs: number, options: ProbeOptions, warnings: ReasonPart[] = []): Pick<Outcome, 'verdict' | 'reason' | 'why'> {
  const slow = totalMs > options.degradedAboveMs ? [because.slow(totalMs, options.degradedAboveMs)] : [];
  const notes = [...slow, ...warnings];
  return verdictOf(notes.length === 0 ? 'up' : 'degraded', good, ...notes);
}

/** Whole days from `now` to a certificate's `valid_to`, rounded toward zero (negative once expired). */
export function daysLeft(validTo: string, now: number = Date.now()): number {
  return Math.trunc((Date.parse(validTo) - now) / 86_400_000);
}

/** The degraded-note for a certificate expiring within `thresholdDays`, if it is. */
export function expiryWarning(validTo: string | undefined, thresholdDays: number): ReasonPart[] {
  if (!validTo) return [];
  const days = daysLeft(validTo);
  return days < thresholdDays ? [because.certExpiresIn(days)] : [];
}
