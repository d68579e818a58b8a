import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TcpCheck } from '../../content';
import { because } from '../../status/reason';
import { downOutcome, elapsed, judge, ProbeFailure, type Outcome, type ProbeOptions } from './outcome';

/** Opens a TCP connection to host:port and closes it at once: up when it connects in time. */
export function probeTcp(check: TcpCheck, options: ProbeOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let lookupAt: number | undefined;
    const socket = net.connect({ host: check.host, port: check.port });
    const dns = () => (lookupAt !== undefined ? { dnsMs: elapsed(t0, lookupAt) } : {});
    const done = (outcome: Outcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => done(downOutcome(new ProbeFailure(because.timeoutConnection(options.timeoutMs)), { ...dns(), totalMs: elapsed(t0) })),
      options.timeoutMs,
    );
    socket.once('lookup', () => (lookupAt = performance.now()));
    socket.once('connect', () => {
      const totalMs = elapsed(t0);
      done({ ...judge(because.connected(), totalMs, options), phases: { ...dns(), connectMs: elapsed(lookupAt ?? t0), totalMs } });
    });
    socket.once('error', (error) => done(downOutcome(error, { ...dns(), totalMs: elapsed(t0) })));
  });
}
