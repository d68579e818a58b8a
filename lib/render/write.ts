import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import pLimit from 'p-limit';
import { withPagePolicy } from '@/lib/build/csp';
import { linkWhole, listFiles, writeWhole } from '@/lib/files';
import { forgetFiles, keepFile } from '@/lib/kept-files';
import type { SiteData } from '@/lib/site-data';
import { fingerprint } from './fingerprint';
import { outputFile, outputs, type OutputKind, type PageOutput } from './outputs';
import { headHtml, stampPage, type Shell } from './shell';

/**
 * The one writer of the site's outputs, for a whole build and for every publish between builds: it lists every
 * output (lib/render/outputs.ts), fingerprints what each is made from, and renders only those whose fingerprint
 * is not the one the folder's manifest says its file was made from. A page is its kind's head and main set into
 * the shell, with its Content-Security-Policy; a file is its kind's bytes.
 */

/**
 * What each file of a built site was made from, and with which code and shell: kept beside the build, never served.
 * `sources`: the sources each kind that has them (OutputKind.sources) was planned under, by kind.
 */
export type Manifest = { code: string; outputs: Record<string, string>; sources?: Record<string, string> };

/** One output as listed for a SiteData: its file, kind and params, and what it is made from. */
export type PlannedOutput = { file: string; kind: OutputKind; input: unknown; key: string };

/** The sources of each kind that has them (OutputKind.sources), for `data`: what a manifest records. */
export function sourcesOf(data: SiteData): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const [name, kind] of Object.entries(outputs) as [string, OutputKind][]) if (kind.sources) sources[name] = kind.sources(data);
  return sources;
}

/**
 * Every output of `data`, with the fingerprint of its input (and of the code, so an upgrade renders everything). With
 * `previous`, the live build's manifest: a kind whose sources are the ones it was planned under there keeps the keys
 * it lists.
 */
export function planOutputs(data: SiteData, code: string, previous: Manifest | null = null): PlannedOutput[] {
  const planned: PlannedOutput[] = [];
  for (const [name, kind] of Object.entries(outputs) as [string, OutputKind][]) {
    const sources = kind.sources?.(data);
    const same = sources !== undefined && previous?.code === code && previous.sources?.[name] === sources;
    for (const params of kind.params(data)) {
      const file = outputFile(kind, params);
      const kept = same ? previous.outputs[file] : undefined;
      const quick = kept ?? kind.quickKey?.(data, params) ?? null;
      if (quick === null) {
        const input = kind.input(data, params);
        planned.push({ file, kind, input, key: `${name}:${fingerprint(input)}` });
        continue;
      }
      // The input is made when the output is rendered, if it is.
      let input: unknown;
      planned.push({
        file,
        kind,
        get input() {
          return (input ??= kind.input(data, params));
        },
        key: kept ?? `${name}:~${quick}`,
      });
    }
  }
  return planned;
}

export type WriteOptions = {
  data: SiteData;
  shell: Shell;
  /** The folder written into: a fresh export, or a hard-linked copy of the live build. */
  dir: string;
  /** What the files already in `dir` were made from; null to render every output. */
  previous: Manifest | null;
  /** The project (fonts for images). */
  project: string;
  /** Where kept outputs (images) live between builds, under their fingerprint. */
  keptDir: string;
  /** The outputs as planOutputs listed them, when the caller already did. */
  planned?: PlannedOutput[];
  /** Files left as they are in `dir` for now, listed in the manifest as made from what `previous` says (imagesToFollow). */
  later?: ReadonlySet<string>;
  /** What changed since `previous`, as changedOutputs found it for `planned`, when the caller did (a publish). */
  changes?: Changes;
};

export type WriteResult = {
  manifest: Manifest;
  /** Files written, relative to the folder. */
  written: string[];
  /** Files removed: outputs the site no longer has. */
  removed: string[];
  /** Kept outputs taken from keptDir instead of made. */
  reused: number;
};

/** Writes what changed into `dir` (see above); throws when an output cannot be rendered or written. */
export async function writeOutputs(options: WriteOptions): Promise<WriteResult> {
  const { data, shell, dir, project, keptDir } = options;
  const code = codeVersion(project, shell);
  const planned = options.planned ?? planOutputs(data, code, options.previous);
  const previous = options.previous?.code === code ? options.previous.outputs : {};
  const manifest: Manifest = { code, outputs: {}, sources: sourcesOf(data) };
  const written: string[] = [];
  let reused = 0;
  // Two per core: a page renders on this thread while images rasterise on libuv's (sharp). One image per core at a
  // time: each holds sharp's buffers and surfaces, and four at a time on two cores took the build's peak over
  // 500 MB (the renderer alone: 415 MB for 1,000 images four at a time, 375 MB two at a time, the same CPU).
  const limit = pLimit(2 * os.availableParallelism());
  const images = pLimit(os.availableParallelism());
  const later = options.later ?? new Set<string>();
  const { changes } = options;
  // A file left for later is listed as made from what it was made from (a new one is not listed yet). With the
  // changes known, the previous manifest with them (10,000 entries at 5,000 incidents are not set one by one again).
  if (changes) {
    manifest.outputs = { ...previous };
    for (const { file, key } of changes.changed) if (!later.has(file)) manifest.outputs[file] = key;
    for (const file of changes.removed) delete manifest.outputs[file];
  } else {
    for (const { file, key } of planned) {
      const made = later.has(file) ? previous[file] : key;
      if (made !== undefined) manifest.outputs[file] = made;
    }
  }
  // A file whose manifest entry is its key is there: `dir` is a fresh export (no previous manifest) or a copy of the
  // live build, verified whole when it went live (looking at 10,000 files again took 50–110 ms of each publish).
  const todo = renderOrder((changes?.changed ?? planned).filter(({ file, key }) => !later.has(file) && previous[file] !== key));
  await Promise.all(
    imagesFirstWhenFew(todo, os.availableParallelism()).map(({ file, kind, input, key }) =>
      limit(async () => {
        const kept = kind.kept ? path.join(keptDir, `${crypto.createHash('sha256').update(code + key).digest('hex').slice(0, 32)}.out`) : null;
        let bytes = kept ? readKept(kept) : null;
        // Whether the kept file holds exactly these bytes.
        let keptHolds = bytes !== null;
        if (bytes) reused += 1;
        else {
          bytes = kind.image ? await images(() => renderOutput(kind, input, data, shell, project)) : await renderOutput(kind, input, data, shell, project);
          if (kept) keptHolds = keepFile(kept, bytes);
        }
        const target = path.join(dir, file);
        // The same bytes as the file already there (made from other inputs with the same result): left as it is,
        // so its ETag holds and an open page's next poll costs a 304.
        if (!sameBytes(target, bytes)) {
          fs.mkdirSync(path.dirname(target), { recursive: true });
          // A kept output goes in as a hard link to its kept copy rather than as a second file of the same bytes:
          // 0.09–0.36 ms of CPU per image instead of 0.30–0.74 for the two files, measured on the bench machine.
          if (!(kept && keptHolds && linkWhole(kept, target))) writeWhole(target, bytes);
          written.push(file);
        }
        // Back to the event loop after each output: V8 finishes its garbage collections in the loop's tasks, and
        // thousands of pages rendered one after another without a turn left it none (at 5,000 incidents the heap
        // grew by about 200 MB of garbage while the reports rendered; 570 MB against 375 MB for a whole rebuild).
        await nextTurn();
      }),
    ),
  );
  const removed = changes ? [...changes.removed] : Object.keys(options.previous?.outputs ?? {}).filter((file) => !(file in manifest.outputs));
  for (const file of removed) fs.rmSync(path.join(dir, file), { force: true });
  // Swept when every output was made (a build, or new code): then every kept output in use was just read or made,
  // so those unused for a month are no one's. A publish reads only the few it makes again; sweeping then took 0.1 s
  // at 5,000 incidents and would forget the images of incidents no one touched for a month.
  if (kept(planned) && Object.keys(previous).length === 0) forgetFiles(keptDir, (name, unused) => unused || name.endsWith('.tmp'));
  return { manifest, written: written.sort(), removed, reused };
}

/**
 * The order outputs are rendered in. Those made from the same input (a report's page, CSV and JSON; the files made
 * from the whole SiteData) one after another, in the order of their first, so a kind's memo of its last input
 * (lib/render/outputs.ts) serves them all and is dropped once they are written. Images last: the
 * native memory sharp leaves behind is not returned to the system, and the pages' heap, at its largest while the
 * reports render, is collected while the images are made instead of adding to it.
 */
export function renderOrder(planned: readonly PlannedOutput[]): PlannedOutput[] {
  const groups = new Map<unknown, PlannedOutput[]>();
  for (const output of planned) {
    const shared = typeof output.input === 'object' && output.input !== null ? output.input : output;
    const group = groups.get(shared);
    if (group) group.push(output);
    else groups.set(shared, [output]);
  }
  const order = [...groups.values()].flat();
  return [...order.filter((o) => !o.kind.image), ...order.filter((o) => o.kind.image)];
}

/**
 * A publish that makes an image or two (an incident's new status) starts them first: their rasterising runs on
 * sharp's threads while this one renders the pages, instead of after them. A build's hundreds stay last (renderOrder).
 */
export function imagesFirstWhenFew(todo: readonly PlannedOutput[], few: number): PlannedOutput[] {
  const images = todo.filter((o) => o.kind.image);
  return images.length > few ? [...todo] : [...images, ...todo.filter((o) => !o.kind.image)];
}

/** What a publish changes in a build: the outputs made from other inputs than its manifest lists, the files it no longer has. */
export type Changes = { changed: readonly PlannedOutput[]; removed: readonly string[] };

/**
 * The outputs of `planned` made from other inputs than `previous` lists (all of them with other code), and the files
 * `previous` lists that `planned` has not; null when the site would not change.
 */
export function changedOutputs(planned: readonly PlannedOutput[], previous: Manifest, code: string): Changes | null {
  const listed = previous.code === code ? previous.outputs : {};
  const changed = planned.filter((p) => listed[p.file] !== p.key);
  const files = Object.keys(previous.outputs);
  // Every file listed is planned when as many are planned as were listed, besides those added: the files are not
  // compared one by one then (10,000 at 5,000 incidents).
  const added = changed.filter((p) => !Object.hasOwn(previous.outputs, p.file)).length;
  let removed: string[] = [];
  if (planned.length - added !== files.length) {
    const planning = new Set(planned.map((p) => p.file));
    removed = files.filter((file) => !planning.has(file));
  }
  return changed.length === 0 && removed.length === 0 ? null : { changed, removed };
}

/**
 * Of the outputs that changed (changedOutputs), the images to make after the rest is live: those whose input changed
 * or that are new (a new incident's), when pages or files changed too. None when nothing else changed, or with new
 * code: one swap then. (The site's own image says when it was made, to the minute: a publish in a new minute made it
 * first, 0.35–0.47 s before its pages went live in a new process; a new incident's made its page wait as long.) A new
 * incident's page names its image while the image is still being made: verification lets it (lib/render/publish.ts),
 * for that half second.
 */
export function imagesToFollow({ changed }: Changes, previous: Manifest, code: string): Set<string> {
  if (previous.code !== code) return new Set();
  const images = changed.filter((p) => p.kind.image);
  return new Set(images.length < changed.length ? images.map((p) => p.file) : []);
}

/** Whether `file` holds exactly `bytes` (false when it does not exist). */
function sameBytes(file: string, bytes: Buffer): boolean {
  try {
    const stat = fs.statSync(file);
    return stat.size === bytes.length && fs.readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

/** One output's bytes. */
async function renderOutput(kind: OutputKind, input: unknown, data: SiteData, shell: Shell, project: string): Promise<Buffer> {
  const out = kind.render(input, project);
  if (kind.type === 'page') {
    const page = out as PageOutput;
    return Buffer.from(withPagePolicy(stampPage(shell, headHtml(data.content.site, page.head), page.main)));
  }
  return typeof out === 'string' ? Buffer.from(out) : await (out as Promise<Buffer>);
}

function kept(planned: PlannedOutput[]): boolean {
  return planned.some((p) => p.kind.kept);
}

/** A kept output (marked as used now), or null when there is none. Kept files are written whole (keepFile). */
function readKept(file: string): Buffer | null {
  try {
    const bytes = fs.readFileSync(file);
    const now = new Date();
    fs.utimesSync(file, now, now);
    return bytes;
  } catch {
    return null;
  }
}

let version: { key: string; code: string } | null = null;

/**
 * What the outputs' bytes depend on besides their inputs: the shell (layout and stylesheet), the sources of lib/
 * and app/, and the installed packages (react, next's image renderer, fonts). A publish with other code than the
 * live build's renders every output again.
 */
export function codeVersion(project: string, shell: Shell): string {
  const key = `${project}|${shell.join('')}`;
  if (version?.key === key) return version.code;
  const hash = crypto.createHash('sha256').update(shell.join('\0'));
  for (const folder of ['lib', 'app']) {
    const root = path.join(project, folder);
    for (const file of fs.existsSync(root) ? listFiles(root) : []) {
      if (/\.(tsx?|css|json)$/.test(file) && !/\.test\.tsx?$|fixtures\//.test(file)) hash.update(file).update(fs.readFileSync(path.join(root, file)));
    }
  }
  const lock = path.join(project, 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  version = { key, code: hash.digest('base64url').slice(0, 22) };
  return version.code;
}
