import type { OutageEvent } from './outages';
import type { Result } from './schema';

/**
 * The pinger's log format, in one place. Every line `outpost ping` writes starts with the ISO 8601 UTC time
 * it was written (cron appends the output to a file, where a line must say when), then key=value fields:
 * `2026-12-01T10:04:05.123Z check=api location=eu-1 status=down httpStatus=503 latencyMs=812 attempts=3 reason="HTTP 503 (expected 2xx)"`.
 */

/** A line's fields, in order; an undefined one is left out. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A value written bare: anything but an empty string, whitespace, quotes, `=`, backslashes and control characters. */
const bare = /^[^\s"=\\\p{Cc}]+$/u;

/** `check=api status=down reason="HTTP 503"`: the fields in order, a string value JSON-quoted unless it is one plain word. */
export function keyValues(fields: LogFields): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' && !bare.test(value) ? JSON.stringify(value) : value}`)
    .join(' ');
}

/** Every line of `text` prefixed with `at` in ISO 8601 UTC, so a message of several lines is dated on each. */
export function stamp(text: string, at: Date): string {
  const time = at.toISOString();
  return text
    .split('\n')
    .map((line) => `${time} ${line}`)
    .join('\n');
}

/** A writer that stamps what it is given (see `stamp`) with the time it is written. */
export function timestamped(write: (line: string) => void, clock: () => Date = () => new Date()): (line: string) => void {
  return (text) => write(stamp(text, clock()));
}

/** A result's line: `check=api location=eu-1 status=down httpStatus=503 latencyMs=812 attempts=3 reason="HTTP 503 (expected 2xx)"`. */
export function resultLine(result: Result): string {
  return keyValues({
    check: result.checkId,
    location: result.location,
    status: result.verdict,
    httpStatus: result.httpStatus,
    latencyMs: Math.round(result.phases.totalMs),
    attempts: result.attempts,
    reason: result.reason,
  });
}

/** A confirmed change's line: `outage=opened check=api component=api location=eu-1 startedAt=… reason="…"`, or `outage=closed … endedAt=…`. */
export function outageLine(event: OutageEvent): string {
  const { outage } = event;
  return keyValues({
    outage: event.type,
    check: outage.checkId,
    component: outage.componentId,
    location: event.location,
    startedAt: event.type === 'opened' ? outage.startedAt : undefined,
    endedAt: event.type === 'closed' ? (outage.endedAt ?? undefined) : undefined,
    reason: outage.reason,
  });
}
