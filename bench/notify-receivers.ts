// Local receivers for bench/notify.ts, in a process of their own so the sender's CPU and memory are measured
// alone: an SMTP receiver and an HTTP webhook receiver (acting once per idempotency key). Prints their ports
// as one JSON line; answers { stats: true } on the IPC channel with what each received.
import { smtpReceiver, webhookReceiver } from '../lib/notify/test-support';

async function main(): Promise<void> {
  const smtp = await smtpReceiver();
  const hooks = await webhookReceiver();
  process.stdout.write(`${JSON.stringify({ smtp: smtp.url, http: hooks.url })}\n`);
  process.on('message', (m: { stats?: boolean; reset?: boolean }) => {
    if (m.reset) {
      smtp.mails.length = 0;
      hooks.requests.length = 0;
      hooks.acted.clear();
    }
    const mailIds = new Set(smtp.mails.map((x) => x.messageId));
    // A duplicate is a delivery of a key the receiver had already accepted (answered 2xx).
    const duplicates = [...hooks.acted.values()].reduce((n, times) => n + times - 1, 0);
    // Acted on twice: the same subscriber (path) and event acted on under two different keys, which happens
    // only if a re-send did not carry the key of the first send.
    const acts = new Map<string, number>();
    for (const r of hooks.requests) if (r.acted) acts.set(`${r.path}|${r.headers['x-outpost-event']}`, (acts.get(`${r.path}|${r.headers['x-outpost-event']}`) ?? 0) + 1);
    const actedTwice = [...acts.values()].filter((n) => n > 1).length;
    process.send!({ mails: smtp.mails.length, uniqueMails: mailIds.size, requests: hooks.requests.length, accepted: hooks.acted.size, duplicates, actedTwice, lastAt: Date.now() });
  });
}
void main();
