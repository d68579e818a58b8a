import { Resolver } from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import type { DnsCheck } from '../../content';
import { because } from '../../status/reason';
import { elapsed, failureReason, judge, verdictOf, type Outcome, type ProbeOptions } from './outcome';

/** Resolves the check's name (with its own resolver when `server` is set); with `expect`, one answer must equal it. */
export async function probeDns(check: DnsCheck, options: ProbeOptions): Promise<Outcome> {
  const t0 = performance.now();
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (check.server) resolver.setServers([check.server]);
  const timer = setTimeout(() => resolver.cancel(), options.timeoutMs);
  try {
    const answers = ([] as unknown[]).concat(await resolver.resolve(check.name, check.recordType)).map(answerText);
    const totalMs = elapsed(t0);
    const phases = { dnsMs: totalMs, totalMs };
    if (answers.length === 0) return { ...verdictOf('down', because.dnsNoRecord(check.recordType)), phases };
    if (check.expect !== undefined && !answers.some((a) => sameName(a, check.expect!))) {
      return { ...verdictOf('down', because.dnsNoMatch(check.recordType, answers.length)), phases };
    }
    return { ...judge(because.dnsAnswers(answers.length, check.recordType), totalMs, options), phases };
  } catch (error) {
    const totalMs = elapsed(t0);
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ECANCELLED' ? because.dnsNoAnswerWithin(options.timeoutMs) : code === 'ECONNREFUSED' ? because.plain('reason.dnsServerRefused') : failureReason(error);
    return { ...verdictOf('down', why), phases: { dnsMs: totalMs, totalMs } };
  } finally {
    clearTimeout(timer);
  }
}

/** One answer as text: addresses and names as they are, MX as its exchange, TXT chunks joined. */
function answerText(answer: unknown): string {
  if (typeof answer === 'string') return answer;
  if (Array.isArray(answer)) return answer.join('');
  if (answer && typeof answer === 'object' && 'exchange' in answer) return String(answer.exchange);
  return JSON.stringify(answer);
}

/** Names compare without case or a trailing dot. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\.$/, '');
  return norm(a) === norm(b);
}
