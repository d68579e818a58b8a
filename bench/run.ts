// `npm run bench`: measures every area in one run and prints each figure beside its target.
//   npm run bench                  everything (builds at 10, 1,000, 5,000 and 10,000 incidents)
//   npm run bench -- --quick       skips the 10,000-incident build
//   npm run bench -- --only pages  one area: build, pages, or another area's bench/<area>.ts (pinger, publish, notify, report, widget)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSiteOnce, copyProject, type BuildRun } from './build';
import { median, type Bench, type BenchFigure } from './figure';
import { generateSite, postUpdate } from './generate';
import { heaviestPages, runPages, type PageRun } from './page';

/** Components on every generated site: the home page target is for 50 components with 90-day bars. */
const COMPONENTS = 50;
/** The size the page-weight targets are for. */
const PAGES_AT = 1000;
/** A hard limit the first build is also run under at PAGES_AT where the bench can (it counts the page cache too). */
const MEMORY_LIMIT_BYTES = 2 ** 30;
/** The memory target: every build's peak (PSS of all its processes), at every size: a 1 GB VM with room to spare. */
const PEAK_TARGET_MB = 500;
/**
 * The CPU target of a first build at 1,000 incidents: half of the 54 s Outpost took on 2026-11-29 (issue #16);
 * cState's Hugo build of the same incidents took 28 s there.
 */
const FIRST_BUILD_CPU_TARGET_S: Record<number, number> = { 1000: 27 };
const OWN_AREAS = ['build', 'pages'];
/** Loads of each page type in Chromium for the script figures. */
const PAGE_LOADS = 3;
/** Other areas' bench modules, run when present: each default-exports a `Bench`. */
const OTHER_AREAS = ['pinger', 'publish', 'notify', 'report', 'widget'];

const root = path.resolve(__dirname, '..');
const count = (n: number) => n.toLocaleString('en-US');
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

type Row = BenchFigure & { area: string };

function parseArgs(argv: string[]): { quick: boolean; only: string | null } {
  const only = argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '') : null;
  const known = [...OWN_AREAS, ...OTHER_AREAS];
  if (only !== null && !known.includes(only)) {
    console.error(`--only expects one of ${known.join(', ')}, got ${JSON.stringify(only)}`);
    process.exit(2);
  }
  return { quick: argv.includes('--quick'), only };
}

const results = path.join(__dirname, 'results');

/** Keeps a build's output (time-stamped lines) beside the results, to see where its time went. */
function saveLog(name: string, output: string): void {
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(path.join(results, name), output);
}

function describeRun(run: BuildRun): string {
  const cpu = run.cpuMs === null ? '' : `, CPU ${(run.cpuMs / 1000).toFixed(1)} s`;
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return `${(run.wallMs / 1000).toFixed(1)} s${cpu}, peak ${mb(run.peakPssBytes)} MB PSS (${mb(run.peakRssBytes)} MB RSS summed), load average ${os.loadavg()[0]!.toFixed(1)}`;
}

type SizeRuns = { cold: BuildRun; rebuild: BuildRun; lean: BuildRun; capped?: BuildRun | { failed: string } };

/**
 * Builds a generated site with --low-memory from nothing; from nothing with Turbopack (no .next/ and no content
 * entry cache: nothing cached, no kept image, every file parsed); again after an update to its newest incident
 * with those caches kept, as each publish builds; and at PAGES_AT from nothing inside a memory cgroup. Its out/
 * stays in the project copy.
 */
async function buildGenerated(project: string, incidents: number, now: Date): Promise<SizeRuns> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `outpost-bench-${incidents}-`));
  try {
    const site = generateSite(dir, { incidents, components: COMPONENTS, now });
    // --low-memory first: each build below leaves Turbopack's out/ in the project copy, which the page figures read.
    console.log(`building ${count(incidents)} incidents with --low-memory (webpack, nothing cached) …`);
    const lean = await buildSiteOnce(project, site, { cold: true, args: ['--low-memory'] });
    saveLog(`build-${incidents}-low-memory.log`, lean.output);
    console.log(`  ${describeRun(lean)}\n  at the memory peak: ${lean.peakProcesses}`);
    console.log(`building ${count(incidents)} incidents, the first build (nothing cached) …`);
    const cold = await buildSiteOnce(project, site, { cold: true });
    saveLog(`build-${incidents}-cold.log`, cold.output);
    console.log(`  ${describeRun(cold)}, ${count(cold.files)} files\n  at the memory peak: ${cold.peakProcesses}`);
    postUpdate(site.content, new Date());
    console.log(`rebuilding ${count(incidents)} incidents after an update to one (.next/cache and the entry cache kept) …`);
    const rebuild = await buildSiteOnce(project, site, { cold: false });
    saveLog(`build-${incidents}-rebuild.log`, rebuild.output);
    console.log(`  ${describeRun(rebuild)}\n  at the memory peak: ${rebuild.peakProcesses}`);
    if (incidents !== PAGES_AT) return { cold, rebuild, lean };
    // The first build again inside a cgroup that allows 1 GiB (anonymous memory and page cache together): the
    // kernel's own account of what the build needs, where sampling can miss a short peak.
    console.log(`building ${count(incidents)} incidents (nothing cached) inside a ${MEMORY_LIMIT_BYTES / 2 ** 30} GiB memory cgroup …`);
    const capped = await buildSiteOnce(project, site, { cold: true, memoryLimitBytes: MEMORY_LIMIT_BYTES }).catch((error: Error) => ({ failed: error.message }));
    if ('failed' in capped) console.log(`  failed: ${capped.failed.slice(-2000)}`);
    else if (capped.limited === null) console.log('  skipped: no memory cgroup could be made here (needs root and a cgroup v1 or v2 memory hierarchy)');
    else {
      saveLog(`build-${incidents}-capped.log`, capped.output);
      console.log(`  ${describeRun(capped)}`);
    }
    return { cold, rebuild, lean, capped };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A build's peak memory: PSS against the target, the RSS sum beside it (it counts shared pages once per process). */
function memoryFigures(what: string, run: BuildRun): BenchFigure[] {
  const mb = run.peakPssBytes / 2 ** 20;
  return [
    { name: `peak memory ${what} (PSS, all processes)`, value: Math.round(mb), unit: 'MB', target: `< ${PEAK_TARGET_MB} MB`, meets: mb < PEAK_TARGET_MB },
    { name: `  sum of their resident sizes at most`, value: Math.round(run.peakRssBytes / 2 ** 20), unit: 'MB' },
  ];
}

function buildFigures(runs: Map<number, SizeRuns>): BenchFigure[] {
  const figures: BenchFigure[] = [];
  const timeTargetS: Record<number, number> = { 1000: 18, 5000: 60 };
  const seconds = (run: BuildRun) => Math.round(run.wallMs / 100) / 10;
  const cpu = (run: BuildRun, targetS?: number): BenchFigure[] =>
    run.cpuMs === null
      ? []
      : [
          {
            name: '  CPU time of that build (user + system, all processes)',
            value: Math.round(run.cpuMs / 100) / 10,
            unit: 's',
            ...(targetS ? { target: `≤ ${targetS} s`, meets: run.cpuMs / 1000 <= targetS } : {}),
          },
        ];
  for (const [n, { cold, rebuild, lean, capped }] of runs) {
    const target = timeTargetS[n];
    figures.push({
      name: `build time at ${count(n)} incidents, rebuild after an update (.next/cache kept, with its images, and the content entry cache)`,
      value: seconds(rebuild),
      unit: 's',
      ...(target ? { target: `< ${target} s`, meets: rebuild.wallMs / 1000 < target } : {}),
    });
    figures.push(...cpu(rebuild), ...memoryFigures(`of that rebuild`, rebuild));
    figures.push({ name: `build time at ${count(n)} incidents, first build (nothing cached: every file parsed, every page and image made)`, value: seconds(cold), unit: 's' });
    figures.push(...cpu(cold, FIRST_BUILD_CPU_TARGET_S[n]), ...memoryFigures(`of that first build`, cold));
    if (capped && 'failed' in capped) {
      figures.push({ name: '  the same build inside a 1 GiB cgroup failed (its output is above)', value: 0, unit: 'MB', target: 'never at the limit', meets: false });
    } else if (capped?.limited) {
      const { peakChargedBytes, hitLimit, oomKilled } = capped.limited;
      const within = !oomKilled && hitLimit === 0;
      figures.push({
        name: `  the same build inside a 1 GiB cgroup: ${(capped.wallMs / 1000).toFixed(1)} s, ${oomKilled ? 'killed for memory' : `reached the limit ${hitLimit} times`}; its peak charge (with page cache)`,
        value: Math.round(peakChargedBytes / 2 ** 20),
        unit: 'MB',
        target: 'never at the limit',
        meets: within,
      });
    }
    figures.push({ name: `build time at ${count(n)} incidents with --low-memory (webpack, nothing cached)`, value: seconds(lean), unit: 's' }, ...cpu(lean));
    figures.push(...memoryFigures(`at ${count(n)} incidents with --low-memory`, lean));
    const phases = Object.entries(cold.phases).map(([phase, s]) => `${phase} ${s} s`);
    figures.push({ name: `  phases of the first build at ${count(n)}: ${phases.join(', ')}`, value: cold.files, unit: 'files out' });
  }
  figures.push(...costPerIncident('rebuilds', runs, (r) => r.rebuild), ...costPerIncident('first builds', runs, (r) => r.cold));
  return figures;
}

/** The time each incident adds to a build, between successive sizes, and whether it stays constant. */
function costPerIncident(what: string, runs: Map<number, SizeRuns>, pick: (runs: SizeRuns) => BuildRun): BenchFigure[] {
  const figures: BenchFigure[] = [];
  const sizes = [...runs.keys()];
  const marginal: number[] = [];
  for (let i = 1; i < sizes.length; i += 1) {
    const [a, b] = [sizes[i - 1]!, sizes[i]!];
    const [from, to] = [pick(runs.get(a)!), pick(runs.get(b)!)];
    const ms = (to.wallMs - from.wallMs) / (b - a);
    marginal.push(ms);
    const cpu = from.cpuMs !== null && to.cpuMs !== null ? `; CPU ${((to.cpuMs - from.cpuMs) / (b - a)).toFixed(1)} ms` : '';
    figures.push({ name: `cost per incident, ${what}, ${count(a)} → ${count(b)} (wall${cpu})`, value: Math.round(ms * 10) / 10, unit: 'ms' });
  }
  if (marginal.length >= 3) {
    // The first step (from 10) is dominated by fixed costs; compare the steps between large sizes.
    const ratio = marginal.at(-1)! / marginal.at(-2)!;
    figures.push({
      name: `cost per incident, ${what}, last step ÷ the one before`,
      value: Math.round(ratio * 100) / 100,
      unit: 'ratio',
      target: '≤ 1.5 (constant)',
      meets: ratio <= 1.5,
    });
  }
  return figures;
}

async function pageFigures(outDir: string): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const targets: Record<string, number> = { home: 30, incident: 15, history: 15 };
  const heaviest = heaviestPages(outDir);
  for (const { type, page, pages, weight } of heaviest) {
    const target = targets[type];
    const which = type === 'home' ? 'home page' : `heaviest ${type} page of ${count(pages)} (${page})`;
    figures.push({
      name: `${which}: HTML ${kb(weight.html)} + CSS ${kb(weight.css)} + JS ${kb(weight.js)} KB gzip, ${weight.requests} requests`,
      value: kb(weight.total),
      unit: 'KB',
      ...(target ? { target: `≤ ${target} KB`, meets: weight.total <= target * 1024 } : {}),
    });
  }
  for (const type of Object.keys(targets)) {
    if (!heaviest.some((h) => h.type === type)) figures.push({ name: `${type} page: none found in out/`, value: NaN, unit: '', meets: false, target: 'exists' });
  }
  const nextJs = fs.existsSync(path.join(outDir, '_next'))
    ? fs.readdirSync(path.join(outDir, '_next'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).length
    : 0;
  figures.push({ name: 'Next framework scripts left in out/_next', value: nextJs, unit: 'files', target: '0', meets: nextJs === 0 });

  // Each page is loaded PAGE_LOADS times, each in a fresh browser: one slow frame on this noisy machine is not
  // the page's cost, so the target applies to the median, and the worst load is printed beside it.
  console.log(`loading each page type in Chromium, ${PAGE_LOADS} times …`);
  const loads: Map<string, PageRun>[] = [];
  for (let i = 0; i < PAGE_LOADS; i++) loads.push(await runPages(outDir, heaviest.map((h) => h.page)));
  for (const { type, page } of heaviest) {
    const runs = loads.map((load) => load.get(page)!);
    const tasks = runs.map((r) => r.longestTaskMs);
    figures.push({ name: `longest main-thread task, ${type} page, median of ${PAGE_LOADS} loads (worst ${Math.round(Math.max(...tasks))} ms)`, value: Math.round(median(tasks)), unit: 'ms' });
    const own = runs.map((r) => r.longestOwnScriptMs);
    figures.push({
      name: `longest run of the page's own script, ${type} page, median of ${PAGE_LOADS} loads (worst ${Math.round(Math.max(...own))} ms)`,
      value: Math.round(median(own)),
      unit: 'ms',
      target: '≤ 50 ms',
      meets: median(own) <= 50,
    });
    const problems = [...new Set(runs.flatMap((r) => r.problems))];
    for (const problem of problems) console.log(`  ${type} page: ${problem}`);
    figures.push({ name: `failed requests and console errors, ${type} page, all loads`, value: problems.length, unit: '', target: '0', meets: problems.length === 0 });
  }
  return figures;
}

function table(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.area,
    r.name,
    Number.isNaN(r.value) ? '—' : `${r.value.toLocaleString('en-US')} ${r.unit}`.trim(),
    r.target ?? '',
    r.meets === undefined ? '' : r.meets ? 'yes' : 'NO',
  ]);
  const head = ['area', 'figure', 'value', 'target', 'meets'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...cells.map(line)].join('\n');
}

function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.versions.node}, ${os.platform()} ${os.release()}`;
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const wants = (area: string) => only === null || only === area;
  const rows: Row[] = [];
  const started = new Date();
  console.log(`Outpost bench, ${started.toISOString()}, ${machine()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  if (wants('build') || wants('pages')) {
    const project = copyProject(root);
    const sizes = wants('build') ? (quick ? [10, 1000, 5000] : [10, 1000, 5000, 10000]) : [PAGES_AT];
    const runs = new Map<number, SizeRuns>();
    for (const n of sizes) {
      runs.set(n, await buildGenerated(project, n, new Date()));
      if (n === PAGES_AT && wants('pages')) {
        for (const f of await pageFigures(path.join(project, 'out'))) rows.push({ area: 'pages', ...f });
      }
    }
    if (wants('build')) for (const f of buildFigures(runs)) rows.push({ area: 'build', ...f });
  }

  for (const area of OTHER_AREAS) {
    if (!wants(area)) continue;
    const file = path.join(__dirname, `${area}.ts`);
    if (!fs.existsSync(file)) {
      console.log(`no bench/${area}.ts yet: ${area} skipped`);
      continue;
    }
    console.log(`running bench/${area}.ts …`);
    const bench = ((await import(file)) as { default: Bench }).default;
    for (const f of await bench()) rows.push({ area, ...f });
  }

  const text = table(rows);
  console.log(`\n${text}\n`);
  const missed = rows.filter((r) => r.meets === false);
  console.log(missed.length === 0 ? 'Every figure with a target meets it.' : `${missed.length} figure(s) miss their target.`);
  fs.mkdirSync(results, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const record = { date: started.toISOString(), machine: machine(), quick, only, rows };
  fs.writeFileSync(path.join(results, `${stamp}.json`), `${JSON.stringify(record, null, 2)}\n`);
  fs.writeFileSync(path.join(results, 'latest.md'), `Measured ${started.toISOString().slice(0, 10)} on ${machine()}.\n\n${text}\n`);
  console.log(`Saved bench/results/${stamp}.json and bench/results/latest.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
