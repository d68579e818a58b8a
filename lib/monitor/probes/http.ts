import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { TLSSocket } from 'node:tls';
import type { HttpCheck } from '../../content';
import type { Phases } from '../schema';
import { because, type ReasonPart } from '../../status/reason';
import { downOutcome, elapsed, expiryWarning, judge, ProbeFailure, verdictOf, type Outcome, type ProbeOptions } from './outcome';

/** What one request/response exchange gave, before any expectation is applied. */
export type Exchange = {
  status: number;
  location: string | undefined;
  body: Buffer;
  /** The body went on past the cap and was cut there. */
  truncated: boolean;
  /** The server certificate's `valid_to`, for https. */
  certValidTo: string | undefined;
  phases: Omit<Phases, 'totalMs'>;
};

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Requests the check's URL with node:http(s) on a fresh connection (so DNS, connect and TLS are really
 * timed), follows redirects up to the limit, reads the body up to the cap, and judges the answer.
 * `check.headers` must already have their `${env:…}` references expanded.
 */
export async function probeHttp(check: HttpCheck, options: ProbeOptions): Promise<Outcome> {
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  const visited = new Set<string>();
  let url = new URL(check.url);
  let method: string = check.method;
  let body = check.body;
  let headers = check.headers;
  let phases: Omit<Phases, 'totalMs'> = {};
  for (let redirects = 0; ; redirects++) {
    visited.add(url.href);
    let answer: Exchange;
    try {
      answer = await exchange(url, { method, headers, body }, deadline, options);
    } catch (error) {
      return downOutcome(error, { ...phases, totalMs: elapsed(started) });
    }
    phases = answer.phases;
    const expected = statusMatches(answer.status, check.expectStatus);
    if (!expected && redirectStatuses.has(answer.status) && answer.location) {
      const next = new URL(answer.location, url);
      if (visited.has(next.href)) return down(because.redirectLoop(redirects + 1), answer);
      if (redirects >= check.maxRedirects) return down(because.tooManyRedirects(check.maxRedirects), answer);
      // Configured headers may carry secrets: like a browser, never send them to another origin.
      if (next.origin !== url.origin) headers = {};
      if (answer.status === 303 && method !== 'HEAD') {
        method = 'GET';
        body = undefined;
      }
      url = next;
      continue;
    }
    if (!expected) return down(because.httpUnexpected(answer.status, check.expectStatus.join(' | ')), answer);
    const problem = bodyProblem(check, answer, options.maxBodyBytes);
    if (problem) return down(problem, answer);
    const totalMs = elapsed(started);
    const good = answer.truncated ? because.httpBodyCut(answer.status, options.maxBodyBytes) : because.http(answer.status);
    return {
      ...judge(good, totalMs, options, expiryWarning(answer.certValidTo, check.certExpiryDays)),
      httpStatus: answer.status,
      phases: { ...answer.phases, totalMs },
    };
  }

  function down(why: ReasonPart, answer: Exchange): Outcome {
    return { ...verdictOf('down', why), httpStatus: answer.status, phases: { ...answer.phases, totalMs: elapsed(started) } };
  }
}

/** Does a status code match one of `200` or `"2xx"`? */
export function statusMatches(status: number, expected: readonly (number | string)[]): boolean {
  return expected.some((e) => (typeof e === 'number' ? e === status : Math.floor(status / 100) === Number(e[0])));
}

/** Why the body fails the check's expectations, or null when it passes (or there are none). */
function bodyProblem(check: HttpCheck, answer: Exchange, capBytes: number): ReasonPart | null {
  const text = answer.body.toString('utf8');
  if (check.bodyContains !== undefined && !text.includes(check.bodyContains)) {
    return answer.truncated ? because.bodyMissingTextInCap(capBytes) : because.bodyMissingText();
  }
  if (check.json) {
    if (answer.truncated) return because.bodyTooLargeForJson(capBytes);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return because.bodyNotJson();
    }
    const found = jsonPath(data, check.json.path);
    if (!found.exists) return because.jsonMissing(check.json.path);
    if (found.value !== check.json.equals) return because.jsonMismatch(check.json.path, shortJson(found.value), shortJson(check.json.equals));
  }
  return null;
}

/** The value at a dotted path (`checks.0.status`); array items by index. */
export function jsonPath(data: unknown, path: string): { exists: boolean; value: unknown } {
  let value = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return { exists: false, value: undefined };
    value = (value as Record<string, unknown>)[key];
  }
  return { exists: true, value };
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export type RequestInit = { method: string; headers: Record<string, string>; body: string | undefined };

/** One request on a fresh connection, timed phase by phase, its body read up to the cap; rejects on a network failure or the deadline. */
export function exchange(url: URL, init: RequestInit, deadline: number, options: ProbeOptions): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let lookupAt: number | undefined;
    let connectAt: number | undefined;
    let secureAt: number | undefined;
    let responseAt: number | undefined;
    let certValidTo: string | undefined;
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;

    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, {
      method: init.method,
      headers: { 'user-agent': 'outpost-pinger', ...init.headers },
      agent: false,
      ca: options.ca,
    });

    const phases = (): Exchange['phases'] => {
      const ready = secureAt ?? connectAt;
      return {
        ...(lookupAt !== undefined && { dnsMs: elapsed(t0, lookupAt) }),
        ...(connectAt !== undefined && { connectMs: elapsed(lookupAt ?? t0, connectAt) }),
        ...(secureAt !== undefined && connectAt !== undefined && { tlsMs: elapsed(connectAt, secureAt) }),
        ...(responseAt !== undefined && ready !== undefined && { firstByteMs: elapsed(ready, responseAt) }),
      };
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const finish = (status: number, location: string | undefined, truncated: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ status, location, body: Buffer.concat(chunks), truncated, certValidTo, phases: phases() });
    };

    const timer = setTimeout(() => {
      const budget = Math.round(options.timeoutMs);
      if (connectAt === undefined) fail(new ProbeFailure(because.timeoutConnection(budget)));
      else if (responseAt === undefined) fail(new ProbeFailure(because.timeoutResponse(budget)));
      else fail(new ProbeFailure(because.timeoutBody(budget)));
    }, Math.max(0, deadline - performance.now()));

    req.on('socket', (socket) => {
      socket.once('lookup', () => (lookupAt = performance.now()));
      socket.once('connect', () => (connectAt = performance.now()));
      socket.once('secureConnect', () => {
        secureAt = performance.now();
        certValidTo = (socket as TLSSocket).getPeerCertificate?.()?.valid_to;
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // After headers arrived, a dropped connection is a failure reading the body.
      if (responseAt !== undefined && (error.code === 'ECONNRESET' || error.message === 'aborted')) fail(new ProbeFailure(because.resetReadingBody()));
      else fail(error);
    });
    req.on('response', (res) => {
      responseAt = performance.now();
      const location = res.headers.location;
      res.on('data', (chunk: Buffer) => {
        const room = options.maxBodyBytes - size;
        if (chunk.length > room) {
          // Stop at the cap: the rest of a huge (or endless) body never enters memory.
          chunks.push(chunk.subarray(0, room));
          return finish(res.statusCode ?? 0, location, true);
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => finish(res.statusCode ?? 0, location, false));
      res.on('error', () => fail(new ProbeFailure(because.resetReadingBody())));
      res.on('aborted', () => fail(new ProbeFailure(because.resetReadingBody())));
    });
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
