#!/usr/bin/env node
// The `outpost` command. The CLI is TypeScript in lib/cli/. It runs from one CommonJS bundle that esbuild
// makes on first use and again whenever a source file it was made from changes, so there is no compile step
// to forget, and a command starts in about a third of a second instead of a second through tsx's hooks
// (`outpost publish` must take well under a second from cron). Where the bundle cannot be made (a read-only
// install), tsx runs the sources directly.
//
// The bundle lives two folders below the project, like every lib/<area>/ module, so the modules that find
// the project from their own `__dirname` (lib/build/pipeline.ts, lib/content/cache.ts) find it there too.
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
    return inputs.every((input) => fs.statSync(path.join(root, input)).mtimeMs <= builtAt);
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
    // Next runs `next build` from its own files; everything else (ESM-only packages too) goes in the bundle.
    external: ['next'],
    // React (the build renders incident pages with it) in its production build, as Next renders them.
    define: { 'process.env.NODE_ENV': '"production"' },
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
if (bundled) require(bundle);
else viaTsx();
