// The pinger's figures: throughput and CPU of a round of 1,000 HTTP checks, its latency against a plain
// node:http request, and the data file after 400 simulated days of one-minute checks for 50 components.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { check as checkSchema } from '../lib/content/check-schema';
import type { PlannedCheck } from '../lib/monitor/plan';
import { runCheck, runRound } from '../lib/monitor/runner';
import { seededRandom, simulate } from '../lib/monitor/simulate';
import { because, recorded } from '../lib/status/reason';
import type { StoreData } from '../lib/monitor/schema';
import { emptyStore, forgetStore, readStoreSync, Store, validNoteFile } from '../lib/monitor/store';
import { writeWholeAsync } from '../lib/files';
import { median, type Bench, type BenchFigure } from './figure';

/** A plain HTTP server in its own process, so the CPU measured here is the pinger's alone. */
async function startServer(): Promise<{ url: string; stop: () => void }> {
  // `/` answers at once; `/slow` after 20 ms, like an API doing some work.
  const code = "require('http').createServer((q,s)=>q.url==='/slow'?setTimeout(()=>s.end('ok'),20):s.end('ok')).listen(0,'127.0.0.1',function(){console.log(this.address().port)})";
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

function planned(id: string, url: string): PlannedCheck {
  return { id, componentId: id, check: checkSchema.parse({ type: 'http', url }), intervalSeconds: 60, retries: 2, retryDelayMs: 2_000, probe: { timeoutMs: 10_000, degradedAboveMs: 2_000, maxBodyBytes: 1_048_576 } };
}

/** A plain node:http GET on a fresh connection, timed to the end of the body. */
function plainRequest(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t0));
      })
      .on('error', reject);
  });
}

async function roundFigures(url: string): Promise<BenchFigure[]> {
  const plans = Array.from({ length: 1_000 }, (_, i) => planned(`c-${i}`, url));
  await runRound(plans.slice(0, 50), 'bench', 16); // warm up
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await runRound(plans, 'bench', 16);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const up = results.filter((r) => r.verdict === 'up').length;
  return [
    { name: 'one round of 1,000 HTTP checks (local server, concurrency 16): checks per second', value: Math.round(1_000 / seconds), unit: 'checks/s' },
    { name: 'CPU per check (user + system) in that round', value: Math.round(((used.user + used.system) / 1000 / 1_000) * 100) / 100, unit: 'ms' },
    { name: 'checks up in that round', value: up, unit: 'of 1,000', target: '1,000', meets: up === 1_000 },
  ];
}

/** The pinger's measured latency against a plain node:http GET (fresh connection each) to the same endpoint, alternating. */
async function latencyRatio(url: string, samples: number): Promise<{ ratio: number; pingerMs: number; plainMs: number }> {
  const plan = planned('latency', url);
  const pinger: number[] = [];
  const plain: number[] = [];
  const one = async () => pinger.push((await runCheck(plan, 'bench')).phases.totalMs);
  const other = async () => plain.push(await plainRequest(url));
  // Alternate which goes first, so neither always follows the other.
  for (let i = 0; i < samples; i++) for (const run of i % 2 ? [one, other] : [other, one]) await run();
  return { ratio: median(pinger) / median(plain), pingerMs: median(pinger), plainMs: median(plain) };
}

async function latencyFigures(url: string): Promise<BenchFigure[]> {
  const real = await latencyRatio(`${url}slow`, 200);
  const instant = await latencyRatio(url, 300);
  const round = (n: number) => Math.round(n * 100) / 100;
  return [
    { name: 'pinger latency ÷ plain node:http latency, endpoint answering in 20 ms (median of 200 each)', value: round(real.ratio), unit: 'ratio', target: 'near 1 (within 10%)', meets: Math.abs(real.ratio - 1) <= 0.1 },
    { name: 'pinger latency ÷ plain node:http latency, local endpoint answering at once (median of 300 each)', value: round(instant.ratio), unit: 'ratio' },
    { name: 'pinger overhead per request over plain node:http (that instant endpoint)', value: round(instant.pingerMs - instant.plainMs), unit: 'ms' },
  ];
}

/** Reads of the data file timed for each store figure. */
const READS = 5;

/**
 * Times `times` cold reads of a data file, each after forgetting the copy this process remembers and the note
 * that it was found valid (so the file is read, parsed and validated, as by a new process that finds no note),
 * then `times` reads that the remembered copy answers.
 * Throws when a cold read was answered by the remembered copy, or a remembered one parsed: the figure would lie.
 */
export function timeStoreReads(file: string, times: number): { coldMs: number[]; rememberedMs: number[] } {
  const timed = (read: () => StoreData | null): { ms: number; data: StoreData } => {
    const t0 = performance.now();
    const data = read();
    const ms = performance.now() - t0;
    if (!data) throw new Error(`${file}: no data file to time`);
    return { ms, data };
  };
  const coldMs: number[] = [];
  let last: StoreData | null = null;
  for (let i = 0; i < times; i++) {
    forgetStore(file);
    fs.rmSync(validNoteFile(path.resolve(file)), { force: true });
    const { ms, data } = timed(() => readStoreSync(file));
    if (data === last) throw new Error(`${file}: cold read ${i + 1} was answered by the remembered copy, so it timed no parse`);
    coldMs.push(ms);
    last = data;
  }
  const rememberedMs: number[] = [];
  for (let i = 0; i < times; i++) {
    const { ms, data } = timed(() => readStoreSync(file));
    if (data !== last) throw new Error(`${file}: read ${i + 1} of the unchanged file parsed it again instead of using the remembered copy`);
    rememberedMs.push(ms);
  }
  return { coldMs, rememberedMs };
}

/**
 * 400 days of one-minute checks for 50 components. Two components are simulated round by round through
 * the store's real code (576,000 rounds each, one write a simulated day); the file then holds 25 copies of
 * each under different ids, which is what 50 such components produce, since checks are independent in it.
 */
async function storeFigures(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-'));
  const file = path.join(dir, 'bench.json');
  const end = Date.parse('2026-11-23T12:00:00Z');
  const from = end - 400 * 86_400_000;
  const data = emptyStore('bench');
  const random = seededRandom(400);
  // About one short confirmed outage a month, and a slow hour a week.
  const scenario = (checkId: string, at: number) => {
    const minuteOfDay = Math.floor((at % 86_400_000) / 60_000);
    const day = Math.floor(at / 86_400_000);
    if (day % 29 === (checkId === 'a' ? 3 : 17) && minuteOfDay >= 600 && minuteOfDay < 612) return { verdict: 'down' as const, why: [because.httpUnexpected(503, '2xx')], totalMs: 30 };
    if (day % 7 === 2 && minuteOfDay >= 120 && minuteOfDay < 180) return { verdict: 'degraded' as const, why: [because.http(200), because.slow(2_500, 2_000)], totalMs: 2_500 };
    return null;
  };
  const simulatedAt = performance.now();
  simulate(data, { checks: [{ id: 'a', componentId: 'a', baseMs: 90 }, { id: 'b', componentId: 'b', baseMs: 240 }], from, to: end, location: 'bench', rules: { failuresToOpen: 2, successesToClose: 1 }, scenario, random });
  const simulateSeconds = (performance.now() - simulatedAt) / 1000;
  const full = emptyStore('bench');
  for (let i = 0; i < 50; i++) {
    const source = i % 2 === 0 ? 'a' : 'b';
    const id = `component-${i}`;
    full.checks[id] = { ...data.checks[source]!, componentId: id };
    full.daily[id] = data.daily[source]!;
    full.results.push(...data.results.filter((r) => r.checkId === source).map((r) => ({ ...r, checkId: id, componentId: id })));
    full.outages.push(...data.outages.filter((o) => o.checkId === source).map((o) => ({ ...o, checkId: id, componentId: id })));
  }
  await writeWholeAsync(file, JSON.stringify(full));
  const bytes = fs.statSync(file).size;

  const reads = timeStoreReads(file, READS);
  // One more round written by a pinger that has not read the file yet (a cron run): lock, read, apply, write.
  const store = new Store({ file, location: 'bench', rules: { failuresToOpen: 2, successesToClose: 1 } });
  const round = Object.keys(full.checks).map((id) => ({ at: new Date(end + 60_000).toISOString(), checkId: id, componentId: id, location: 'bench', verdict: 'up' as const, ...recorded([because.http(200)]), attempts: 1, phases: { totalMs: 90 } }));
  const intervals = new Map(round.map((r) => [r.checkId, 60]));
  const t0 = performance.now();
  await store.record(round, intervals, new Date(end + 60_000));
  const recordMs = performance.now() - t0;
  const t1 = performance.now();
  await store.record(round.map((r) => ({ ...r, at: new Date(end + 120_000).toISOString() })), intervals, new Date(end + 120_000));
  const warmRecordMs = performance.now() - t1;
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    { name: 'data file after 400 days of one-minute checks for 50 components', value: Math.round((bytes / 1024 / 1024) * 100) / 100, unit: 'MB' },
    { name: `time to read, parse and validate that file, cold (this process's copy forgotten before each; median of ${READS})`, value: Math.round(median(reads.coldMs)), unit: 'ms' },
    { name: `time to read it again while unchanged (the copy this process remembers: one stat; median of ${READS})`, value: Math.round(median(reads.rememberedMs) * 1000), unit: 'µs' },
    { name: 'time to store one round of 50 results into it, cold (read, validate, apply, write)', value: Math.round(recordMs), unit: 'ms' },
    { name: 'time to store one round of 50 results into it, file unchanged since our last write (watch mode)', value: Math.round(warmRecordMs), unit: 'ms' },
    { name: 'simulating those 400 days (2 × 576,000 rounds through the store code)', value: Math.round(simulateSeconds * 10) / 10, unit: 's' },
  ];
}

const bench: Bench = async () => {
  const server = await startServer();
  try {
    return [...(await roundFigures(server.url)), ...(await latencyFigures(server.url)), ...(await storeFigures())];
  } finally {
    server.stop();
  }
};

export default bench;
