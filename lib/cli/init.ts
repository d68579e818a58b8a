import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Document, parseDocument } from 'yaml';
import { checkContent, formatProblem, httpUrl, id } from '../content';
import { plural } from '../status';
import { slugify } from './authoring';
import { ask, collect, need } from './input';
import { contentOption } from './options';
import { yamlStyle } from './splice';

type InitOptions = { name?: string; url?: string; component?: string[] };

/** A component as `outpost init` takes it. */
export type NewComponent = { id: string; name: string };

/**
 * Components from `Name` (its id made from the name: "Public API" → public-api) or `id=Name` items;
 * a string saying what is wrong when an id cannot be made or two are the same.
 */
export function parseComponents(items: readonly string[]): NewComponent[] | string {
  const components: NewComponent[] = [];
  for (const item of items) {
    const pair = /^([^=]+)=(.+)$/.exec(item);
    const name = (pair ? pair[2]! : item).trim();
    const given = pair?.[1]!.trim();
    const chosen = given ?? slugify(name);
    if (!name) return `expected a component name, got ${JSON.stringify(item)}`;
    if (!chosen) return `cannot make an id from ${JSON.stringify(name)}: write it as id=name, like app=${name}`;
    if (!id.safeParse(chosen).success) return `expected an id of lowercase letters, digits and single dashes ([a-z0-9-]), got ${JSON.stringify(chosen)}`;
    const first = components.find((c) => c.id === chosen);
    if (first) return `${JSON.stringify(first.name)} and ${JSON.stringify(name)} would both have the id "${chosen}": write one as id=name`;
    components.push({ id: chosen, name });
  }
  return components.length > 0 ? components : 'expected at least one component, got none';
}

/** The text of a new site's site.yaml: its name, public URL and components, with a comment on what else goes there. */
export function siteText(site: { name: string; url: string; components: NewComponent[] }): string {
  const doc = new Document({ name: site.name.trim(), url: site.url.trim(), components: site.components });
  doc.commentBefore = [
    ' The site: its name, the address readers open, and the components it lists, in this order.',
    ' A component may also have a description, a group (with groups: at the top) and checks for the',
    ' pinger: see docs/content.md and docs/pinger.md. Written by `outpost init`.',
  ].join('\n');
  return doc.toString(yamlStyle);
}

/** `outpost init [dir]`: a new content folder for a site of your own, with no example clock. */
export function registerInit(program: Command): void {
  program
    .command('init [dir]')
    .description('Start a site of your own: write a new content folder (site.yaml, incidents/, maintenance/). Asks for what is missing when run in a terminal.')
    .option('--name <text>', 'the site name readers see, e.g. "Acme Status"')
    .option('--url <url>', 'the address the status site is served from, e.g. https://status.acme.com')
    .option('--component <name>', 'a component readers see: a name ("Public API", id public-api) or id=name; repeat for more', collect)
    .addHelpText(
      'after',
      `
Example:
  $ outpost init my-status --name "Acme Status" --url https://status.acme.com \\
      --component Website --component api="Public API"
  created my-status/site.yaml (Acme Status, 2 components), my-status/incidents/, my-status/maintenance/

The folder defaults to ${contentOption[2]}; it must be new or empty.`,
    )
    .action(async (dir: string | undefined, options: InitOptions) => {
      const target = path.resolve(dir ?? contentOption[2]);
      refuseExisting(target);

      const name = await need(options.name, '--name', ask.text('Site name (shown in the header and feeds)'));
      const url = await need(options.url, '--url', askUrl);
      const given = options.component && parseComponents(options.component);
      if (typeof given === 'string') throw new Error(`refused: --component: ${given}; nothing was written`);
      const components = await need(given, '--component', askComponents);

      writeSite(target, siteText({ name, url, components }));
      const shown = path.relative(process.cwd(), target) || '.';
      console.log(`created ${shown}/site.yaml (${name.trim()}, ${plural(components.length, 'component')}), ${shown}/incidents/, ${shown}/maintenance/`);
      console.log(nextSteps(shown));
    });
}

/** init writes a new folder: an existing site (the shipped example above all) or a folder with files is refused. */
function refuseExisting(target: string): void {
  const shown = path.relative(process.cwd(), target) || target;
  const site = path.join(target, 'site.yaml');
  if (fs.existsSync(site)) {
    const data = parseDocument(fs.readFileSync(site, 'utf8')).toJS() as { exampleAnchor?: unknown } | null;
    if (data?.exampleAnchor) {
      throw new Error(
        `refused: ${shown}/ holds the shipped example (its site.yaml has exampleAnchor); nothing was written.\n` +
          `Write your site to a new folder, \`outpost init my-status\`, and give the commands --content my-status (or set OUTPOST_CONTENT_DIR=my-status);\n` +
          `or remove the example first (\`git rm -r ${shown}\`) and run \`outpost init\` again.`,
      );
    }
    throw new Error(`refused: ${shown}/site.yaml exists: ${shown}/ is a site already; choose a new folder (nothing was written)`);
  }
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new Error(`refused: ${shown}/ exists and is not empty; choose a new folder (nothing was written)`);
}

/**
 * Writes site.yaml, incidents/ and maintenance/ into a temp folder beside the target, checks it as every
 * command will, and renames it into place: the folder appears whole or not at all.
 */
function writeSite(target: string, text: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.init-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.mkdirSync(temp);
    fs.writeFileSync(path.join(temp, 'site.yaml'), text);
    for (const folder of ['incidents', 'maintenance']) {
      fs.mkdirSync(path.join(temp, folder));
      // An empty folder is not kept by git; the loader skips dot-files.
      fs.writeFileSync(path.join(temp, folder, '.gitkeep'), '');
    }
    const { problems } = checkContent(temp);
    if (problems.length > 0) {
      const where = (file: string) => path.relative(process.cwd(), path.join(target, path.relative(temp, path.resolve(file))));
      const lines = problems.map((p) => `${formatProblem({ ...p, file: where(p.file) })} (not written)`);
      throw new Error(`${lines.join('\n')}\nrefused: ${plural(problems.length, 'problem')}; nothing was written`);
    }
    if (fs.existsSync(target)) fs.rmdirSync(target); // empty: refuseExisting saw to it
    fs.renameSync(temp, target);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** What to do next, with the folder named as the user typed it. */
function nextSteps(shown: string): string {
  const content = shown === contentOption[2] ? '' : ` --content ${shown}`;
  const lines = [
    '',
    'Next:',
    `  outpost incident new${content}     post an incident (outpost maintenance new: schedule maintenance)`,
    `  outpost preview${content}          build the site and see it locally`,
  ];
  if (content) lines.push(`  (or export OUTPOST_CONTENT_DIR=${shown} once and leave out --content)`);
  lines.push(`Add descriptions, groups and the pinger's checks in ${shown}/site.yaml (docs/content.md, docs/pinger.md).`);
  if (fs.existsSync(path.join('data', 'example.json'))) lines.push('data/example.json is the shipped example\'s monitoring data: remove it before your first build.');
  return lines.join('\n');
}

const askUrl = ask.checked('Address of the status site (https://…)', (v) => httpUrl.safeParse(v.trim()).success || 'expected an absolute http(s) URL, like https://status.acme.com');

const askComponents = async () => {
  const check = (v: string) => {
    const parsed = parseComponents(collect(v));
    return typeof parsed === 'string' ? parsed : true;
  };
  return parseComponents(collect(await ask.checked('Components readers see, separated by commas (like: Website, API, Dashboard)', check)())) as NewComponent[];
};
