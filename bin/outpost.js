#!/usr/bin/env node
// The `outpost` command. The CLI is TypeScript in lib/cli/. It runs from one CommonJS bundle that esbuild
// makes on first use and again whenever a source file it was made from changes, so there is no compile step
// to forget, and a command starts in about a third of a second instead of a second through tsx's hooks
// (`outpost publish` must take well under a second from cron). Where the bundle cannot be made (a read-only
// install), tsx runs the sources directly.
//
// The bundle lives two folders below the project, like every lib/<area>/ module, so the modules that find
// the project from their own `__dirname` (lib/build/paths.ts) find it there too.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dir = path.join(root, '.outpost', 'cli');
const bundle = path.join(dir, 'outpost.cjs');
const inputsFile = path.join(dir, 'inputs.json');
const entry = path.join(root, 'lib', 'cli', 'main.ts');

/** True when the bundle exists and no file it was made from has changed (or gone) since. */
function fresh() {
  try {
    const { builtAt, inputs } = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
    if (!fs.existsSync(bundle)) return false;
    // Joined by hand: esbuild lists them relative and normalised, and path.join normalising 460 paths again was 5–7 ms of every command.
    const prefix = root + path.sep;
    return inputs.every((input) => fs.statSync(prefix + input).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

/** Bundles lib/cli into .outpost/cli/ (beside, then renamed: a concurrent run sees a whole file or none). */
function rebuild() {
  const builtAt = Date.now();
  const suffix = `.${process.pid}.tmp`;
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: bundle + suffix,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Next runs `next build` from its own files, esbuild runs its own binary. The prompts (a CommonJS build of their
    // own) are required from node_modules when a command asks: with the encodings their editor prompt carries, they
    // were 0.65 MB of the bundle that every command read; badge-maker, when a badge is drawn, for the same reason (its
    // text widths were 0.9 MB). Everything else (ESM-only packages too) goes in the bundle.
    external: ['next', 'esbuild', '@inquirer/prompts', 'badge-maker'],
    // React (the build renders incident pages with it) in its production build, as Next renders them.
    define: { 'process.env.NODE_ENV': '"production"' },
    // A module loaded when first needed (`await import('next/og')`) becomes a require() in the bundle, which runs
    // as a script (runBundle) where import() has no loader.
    supported: { 'dynamic-import': false },
    // Without comments and indentation (4.1 MB instead of 5.2), and ASCII only: read as Latin-1, the bundle's text
    // costs a copy instead of a UTF-8 decoding (runBundle). Names are kept, for readable stack traces.
    minifyWhitespace: true,
    charset: 'ascii',
    metafile: true,
    logLevel: 'silent',
  });
  // buildSync keeps an esbuild process (~90 MB) for later calls; there are none, and a build runs for long.
  esbuild.stop();
  // Relative to the project; entries that are not files (esbuild's own namespaces) are left out.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => fs.existsSync(path.join(root, input)));
  fs.writeFileSync(inputsFile + suffix, JSON.stringify({ builtAt, inputs }));
  fs.renameSync(bundle + suffix, bundle);
  fs.renameSync(inputsFile + suffix, inputsFile);
}

function viaTsx() {
  require('tsx/cjs/api').register();
  import('tsx/esm/api')
    .then(({ register }) => {
      register();
      return import(require('node:url').pathToFileURL(entry).href);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}

let bundled = fresh();
if (!bundled) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    rebuild();
    bundled = true;
  } catch {
    bundled = false;
  }
}
/**
 * `outpost build` on Linux runs in a child started with MALLOC_ARENA_MAX=2; returns whether it started one. The
 * build makes every incident's image with sharp, on threads that glibc each gives a malloc arena of its own, and an
 * arena keeps what was freed in it: 1,000 images peaked 100 MB lower with two arenas, and a first build at 5,000
 * incidents 497 → 448 MB, for this process's 12 MB (docs/building.md). glibc reads it only when a process starts.
 */
function buildInChild() {
  if (process.argv[2] !== 'build' || process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined) return false;
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, MALLOC_ARENA_MAX: '2', OUTPOST_BUILD_CHILD: '1' },
  });
  // A signal for the build goes to it (it stops Next's process group); a terminal's Ctrl+C reaches both.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
  return true;
}

/**
 * In that child: dies at once, as by SIGKILL, when the process that started it is gone, so that killing `outpost
 * build` (even with SIGKILL, which it cannot pass on) stops the build as it did before it ran in a child.
 */
function dieWithParent() {
  if (process.env.OUTPOST_BUILD_CHILD !== '1' || !process.channel) return;
  delete process.env.OUTPOST_BUILD_CHILD;
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}

/**
 * The commands that run for about a second and exit: a publish, an edit (which publishes), one round of checks. They
 * run without V8's optimizing compiler, which spent more on compiling them than its code gave back before they ended:
 * a publish at 5,000 incidents took 0.9–1.0 s of CPU instead of 1.4–1.7, and 1.1–1.2 s instead of 1.25–1.45 s of
 * wall time (docs/benchmarks.md). The commands that run long (a build renders thousands of pages, a report counts
 * years: 4.3 s instead of 2.5–3 s without it, the pinger and the servers run for months) keep it.
 */
const quick = ['publish', 'incident', 'maintenance'].includes(process.argv[2]) || (process.argv[2] === 'ping' && !process.argv.includes('--watch'));

/**
 * Runs the bundle as require() would, with V8's code cache for it kept beside it: compiling the 5 MB bundle took
 * about 0.15 s of every command's start. The cache is named by the bundle file's identity (inode, time, size, read
 * from the descriptor the source is read from), so a rebuilt bundle never meets an older one's cache; V8 itself
 * refuses a cache of another Node or other flags, and then a new one is written. It is written once the command's
 * modules ran and its first synchronous steps with them (a publish reads content/ there), not at the end: a
 * cache written at the end of a 100 s build, after V8 had dropped the code it no longer used, started every later
 * command 0.1 s slower. Where it cannot be written, the command runs as it did.
 */
function runBundle() {
  if (quick) require('node:v8').setFlagsFromString('--no-opt');
  const vm = require('node:vm');
  const { createRequire, wrap } = require('node:module');
  const fd = fs.openSync(bundle, 'r');
  let source;
  let stat;
  try {
    stat = fs.fstatSync(fd);
    const bytes = fs.readFileSync(fd);
    // Latin-1 is ASCII where the text is ASCII (rebuild makes it so), and reads 4 MB in a few ms instead of 50–80.
    source = require('node:buffer').isAscii(bytes) ? bytes.latin1Slice() : bytes.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
  // V8 refuses a cache made under other flags: the quick commands keep one of their own.
  const name = `outpost.${stat.ino}-${Math.round(stat.mtimeMs)}-${stat.size}${quick ? '.quick' : ''}.v8`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(path.join(dir, name));
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dir);
  if (cachedData && !script.cachedDataRejected) return;
  // Once the command's own modules ran, which it loads when it starts (lib/cli/main.ts), with its first synchronous
  // steps; or at its exit, if that comes first (`--help`).
  let saved = false;
  const save = () => {
    if (!saved) saveCodeCache(script, name);
    saved = true;
  };
  setImmediate(save);
  process.once('exit', save);
}

/** Writes the code cache `name` (beside, then renamed) and removes every other one; a failure only costs speed. */
function saveCodeCache(script, name) {
  try {
    const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, path.join(dir, name));
    // Those of an older bundle; the other kind of command's cache of this one stays.
    const bundleOf = (file) => file.replace(/(\.quick)?\.v8$/, '');
    for (const other of fs.readdirSync(dir)) if (/^outpost\..*\.v8$/.test(other) && bundleOf(other) !== bundleOf(name)) fs.rmSync(path.join(dir, other), { force: true });
  } catch {
    // A read-only install, a full disk: the next command compiles the bundle again.
  }
}

if (!buildInChild()) {
  dieWithParent();
  if (bundled) runBundle();
  else viaTsx();
}
