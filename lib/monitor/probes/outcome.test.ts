import { describe, expect, it } from 'vitest';
import { words } from '../../i18n';
import { because, reasonText } from '../../status/reason';
import { downOutcome, expiryWarning, failureReason, judge, ProbeFailure } from './outcome';

const options = { timeoutMs: 10_000, degradedAboveMs: 2_000, maxBodyBytes: 1_048_576 };

describe('failureReason: Node error codes in words, as the pinger has always written them', () => {
  const cases: [code: string, english: string][] = [
    ['ECONNREFUSED', 'connection refused'],
    ['ECONNRESET', 'connection reset'],
    ['EPIPE', 'connection closed while sending'],
    ['ECONNABORTED', 'connection aborted'],
    ['EHOSTUNREACH', 'host unreachable'],
    ['ENETUNREACH', 'network unreachable'],
    ['EADDRNOTAVAIL', 'address not available'],
    ['ENOTFOUND', 'DNS: name does not resolve'],
    ['EAI_AGAIN', 'DNS: lookup failed (temporary failure)'],
    ['EAI_FAIL', 'DNS: lookup failed'],
    ['ENODATA', 'DNS: no record of that type'],
    ['ESERVFAIL', 'DNS: server failure'],
    ['EREFUSED', 'DNS: query refused'],
    ['ETIMEOUT', 'DNS: no answer in time'],
    ['CERT_HAS_EXPIRED', 'TLS: certificate expired'],
    ['CERT_NOT_YET_VALID', 'TLS: certificate not yet valid'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS: self-signed certificate'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'TLS: self-signed certificate in the chain'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS: certificate chain incomplete'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'TLS: certificate issuer not trusted'],
    ['UNABLE_TO_GET_ISSUER_CERT', 'TLS: certificate issuer not trusted'],
    ['CERT_REVOKED', 'TLS: certificate revoked'],
    ['CERT_UNTRUSTED', 'TLS: certificate not trusted'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS: certificate does not match the host name'],
    ['EPROTO', 'TLS: handshake failed'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS: handshake failed (not a TLS server?)'],
    ['HPE_INVALID_CONSTANT', 'invalid HTTP response (HPE_INVALID_CONSTANT)'],
    ['ERR_SSL_DECRYPTION_FAILED', 'TLS: handshake failed (ERR_SSL_DECRYPTION_FAILED)'],
    ['ERR_TLS_HANDSHAKE_TIMEOUT', 'TLS: handshake failed (ERR_TLS_HANDSHAKE_TIMEOUT)'],
    ['EWHATEVER', 'network error (EWHATEVER)'],
    ['constructor', 'network error (constructor)'],
  ];
  it.each(cases)('%s', (code, english) => {
    const error = Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
    expect(reasonText([failureReason(error)], words('en'))).toBe(english);
    expect(reasonText([failureReason(code)], words('en'))).toBe(english);
  });

  it('an error without a code, and a failure the probe put in words', () => {
    expect(downOutcome(new Error('boom'), { totalMs: 1 })).toEqual({ verdict: 'down', reason: 'network error', why: [because.plain('reason.networkError')], phases: { totalMs: 1 } });
    const failure = new ProbeFailure(because.timeoutResponse(300));
    expect(failure.message).toBe('timeout: no response within 300 ms');
    expect(downOutcome(failure, { totalMs: 300 })).toMatchObject({ reason: 'timeout: no response within 300 ms', why: [because.timeoutResponse(300)] });
  });
});

describe('judge', () => {
  it('up, slow, close to expiry: the notes follow the good answer', () => {
    expect(judge(because.http(200), 150, options)).toEqual({ verdict: 'up', reason: 'HTTP 200', why: [because.http(200)] });
    expect(judge(because.http(200), 2_300.6, options)).toEqual({ verdict: 'degraded', reason: 'HTTP 200; slow: 2301 ms (degraded above 2000 ms)', why: [because.http(200), because.slow(2_301, 2_000)] });
    const soon = new Date(Date.now() + 4.5 * 86_400_000).toUTCString();
    expect(judge(because.connected(), 2_500, options, expiryWarning(soon, 14)).reason).toBe('connected; slow: 2500 ms (degraded above 2000 ms); certificate expires in 4 days');
    expect(expiryWarning(soon, 4)).toEqual([]);
    expect(expiryWarning(undefined, 14)).toEqual([]);
  });
});
