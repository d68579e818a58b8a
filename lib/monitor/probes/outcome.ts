import { performance } from 'node:perf_hooks';
import { plural } from '../../shared/words';
import type { Phases, Upstream, Verdict } from '../schema';

/** What one attempt of a probe found, before the runner adds when, where and which check. */
export type Outcome = { verdict: Verdict; reason: string; httpStatus?: number; phases: Phases; upstream?: Upstream };

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
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ProbeFailure';
  }
}

/** Node's error codes in words. Node's own messages name hosts and addresses, which must not reach the page. */
const codeWords: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ECONNABORTED: 'connection aborted',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ENOTFOUND: 'DNS: name does not resolve',
  EAI_AGAIN: 'DNS: lookup failed (temporary failure)',
  EAI_FAIL: 'DNS: lookup failed',
  ENODATA: 'DNS: no record of that type',
  ESERVFAIL: 'DNS: server failure',
  EREFUSED: 'DNS: query refused',
  ETIMEOUT: 'DNS: no answer in time',
  CERT_HAS_EXPIRED: 'TLS: certificate expired',
  CERT_NOT_YET_VALID: 'TLS: certificate not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: certificate chain incomplete',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS: certificate issuer not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'TLS: certificate issuer not trusted',
  CERT_REVOKED: 'TLS: certificate revoked',
  CERT_UNTRUSTED: 'TLS: certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate does not match the host name',
  EPROTO: 'TLS: handshake failed',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS: handshake failed (not a TLS server?)',
};

/** A failure's reason in words, never Node's raw message (it names the target). */
export function failureReason(error: unknown): string {
  if (error instanceof ProbeFailure) return error.reason;
  const code = typeof error === 'string' ? error : (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && codeWords[code]) return codeWords[code];
  if (code?.startsWith('HPE_')) return `invalid HTTP response (${code})`;
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) return `TLS: handshake failed (${code})`;
  return code ? `network error (${code})` : 'network error';
}

/** A down outcome for a failure, with the time spent. */
export function downOutcome(error: unknown, phases: Phases): Outcome {
  return { verdict: 'down', reason: failureReason(error), phases };
}

/** Milliseconds between two `performance.now()` marks, to a tenth. */
export function elapsed(from: number, to: number = performance.now()): number {
  return Math.max(0, Math.round((to - from) * 10) / 10);
}

/** Degraded when an otherwise good answer was slower than allowed or its certificate is close to expiry. */
export function judge(goodReason: string, totalMs: number, options: ProbeOptions, warnings: string[] = []): Pick<Outcome, 'verdict' | 'reason'> {
  const slow = totalMs > options.degradedAboveMs ? [`slow: ${Math.round(totalMs)} ms (degraded above ${options.degradedAboveMs} ms)`] : [];
  const notes = [...slow, ...warnings];
  return notes.length === 0 ? { verdict: 'up', reason: goodReason } : { verdict: 'degraded', reason: [goodReason, ...notes].join('; ') };
}

/** Whole days from `now` to a certificate's `valid_to`, rounded toward zero (negative once expired). */
export function daysLeft(validTo: string, now: number = Date.now()): number {
  return Math.trunc((Date.parse(validTo) - now) / 86_400_000);
}

/** The degraded-note for a certificate expiring within `thresholdDays`, if it is. */
export function expiryWarning(validTo: string | undefined, thresholdDays: number): string[] {
  if (!validTo) return [];
  const days = daysLeft(validTo);
  return days < thresholdDays ? [`certificate expires in ${plural(days, 'day')}`] : [];
}
