import { createHmac } from 'node:crypto';
import type { Outcome } from './outbox';

/** HMAC-SHA256 of the exact body bytes with the subscriber's secret, as sent in `X-Outpost-Signature: sha256=<hex>`. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Seconds or an HTTP date → milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * POSTs a JSON body once and says what it means for the outbox: 2xx sent; 408, 425, 429 and 5xx, a network
 * error or a timeout are worth a retry; any other status (3xx included: redirects are not followed) is
 * permanent. Never throws; the detail never contains the URL (it is often a secret).
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Outpost-Notify/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
    const detail = `HTTP ${response.status}`;
    if (response.status >= 200 && response.status < 300) return { kind: 'sent', detail };
    if ([408, 425, 429].includes(response.status) || response.status >= 500) {
      return { kind: 'retry', detail, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()) };
    }
    return { kind: 'permanent', detail };
  } catch (error) {
    const name = (error as Error).name;
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    return { kind: 'retry', detail: name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `network error (${code ?? name})` };
  }
}
