import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import type { TlsCheck } from '../../content';
import { because } from '../../status/reason';
import { daysLeft, downOutcome, elapsed, expiryWarning, failureReason, judge, ProbeFailure, verdictOf, type Outcome, type ProbeOptions } from './outcome';

/**
 * Completes a TLS handshake with host:port and judges the certificate: down when it is not trusted, does
 * not match the host or has expired; degraded when it expires within `certExpiryDays`. Nothing is sent.
 */
export function probeTls(check: TlsCheck, options: ProbeOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let lookupAt: number | undefined;
    let connectAt: number | undefined;
    const phases = () => ({
      ...(lookupAt !== undefined && { dnsMs: elapsed(t0, lookupAt) }),
      ...(connectAt !== undefined && { connectMs: elapsed(lookupAt ?? t0, connectAt) }),
    });
    // Verification is judged here rather than by rejecting, so the reason can say how long ago it expired.
    const socket = tls.connect({
      host: check.host,
      port: check.port,
      servername: net.isIP(check.host) ? undefined : check.host,
      rejectUnauthorized: false,
      ca: options.ca,
    });
    const done = (outcome: Outcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      const why = connectAt === undefined ? because.timeoutConnection(options.timeoutMs) : because.timeoutHandshake(options.timeoutMs);
      done(downOutcome(new ProbeFailure(why), { ...phases(), totalMs: elapsed(t0) }));
    }, options.timeoutMs);
    socket.once('lookup', () => (lookupAt = performance.now()));
    socket.once('connect', () => (connectAt = performance.now()));
    socket.once('secureConnect', () => {
      const totalMs = elapsed(t0);
      const all = { ...phases(), ...(connectAt !== undefined && { tlsMs: elapsed(connectAt) }), totalMs };
      const validTo = socket.getPeerCertificate()?.valid_to;
      if (!socket.authorized) {
        const code = String(socket.authorizationError ?? '');
        const why = code === 'CERT_HAS_EXPIRED' && validTo ? because.certExpiredAgo(-daysLeft(validTo)) : failureReason(code);
        return done({ ...verdictOf('down', why), phases: all });
      }
      const good = validTo ? because.certValidFor(daysLeft(validTo)) : because.handshakeComplete();
      done({ ...judge(good, totalMs, options, expiryWarning(validTo, check.certExpiryDays)), phases: all });
    });
    socket.once('error', (error) => done(downOutcome(error, { ...phases(), totalMs: elapsed(t0) })));
  });
}
