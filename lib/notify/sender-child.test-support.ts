// A sender in a process of its own, for the kill -9 tests: `node --import tsx sender-child.test-support.ts <notifyDir>`.
// Sends until nothing is left to send (waiting out leases left by a killed sender), then prints "done".
import { outboxFile, outboxStats } from './outbox';
import { Sender } from './sender';

const [dir] = process.argv.slice(2);
const sender = new Sender({
  notifyDir: dir!,
  leaseMs: 1_500,
  timeoutMs: 1_000,
  batchSize: 100,
  concurrency: 16,
  retry: { maxAttempts: 20, baseDelayMs: 20, maxDelayMs: 200 },
  rates: { webhook: Infinity },
  log: () => {},
});
async function main(): Promise<void> {
  for (;;) {
    await sender.pass();
    const stats = outboxStats(await outboxFile(dir!).read());
    if (stats.pending + stats.sending === 0 && stats.waitingEvents === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log('done');
}
void main();
