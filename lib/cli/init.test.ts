import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../content';
import { buildsDirFor } from '../build/swap';
import { parseComponents, siteText } from './init';
import { key, outpost, outpostInTerminal, repoRoot, slow, snapshot, tempContent, terminalRelay } from './testing';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-init-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let made = 0;
/** A folder path that does not exist yet. */
const fresh = () => path.join(root, `site-${++made}`, 'my-status');

const acme = `# The site: its name, the address readers open, and the components it lists, in this order.
# A component may also have a description, a group (with groups: at the top) and checks for the
# pinger: see docs/content.md and docs/pinger.md. Written by \`outpost init\`.

name: Acme Status
url: https://status.acme.com
components:
  - id: website
    name: Website
  - id: api
    name: Public API
`;

describe('parseComponents', () => {
  it.each([
    [['Website', 'api=Public API'], [{ id: 'website', name: 'Website' }, { id: 'api', name: 'Public API' }]],
    [['Sign-in & SSO'], [{ id: 'sign-in-sso', name: 'Sign-in & SSO' }]],
    [['障害'], 'cannot make an id from "障害": write it as id=name, like app=障害'],
    [['API', 'api'], '"API" and "api" would both have the id "api": write one as id=name'],
    [['API_v2=API'], 'expected an id of lowercase letters, digits and single dashes ([a-z0-9-]), got "API_v2"'],
    [[], 'expected at least one component, got none'],
  ])('%j → %j', (items, expected) => expect(parseComponents(items)).toEqual(expected));
});

describe('siteText', () => {
  it('writes the name, URL and components, with a comment on what else goes there', () => {
    expect(siteText({ name: ' Acme Status ', url: 'https://status.acme.com', components: [{ id: 'website', name: 'Website' }, { id: 'api', name: 'Public API' }] })).toBe(acme);
  });
  it('quotes what YAML would misread', () => {
    expect(siteText({ name: 'Status: #1', url: 'https://s.example', components: [{ id: '404', name: '404' }] })).toContain('name: "Status: #1"\nurl: https://s.example\ncomponents:\n  - id: "404"\n    name: "404"\n');
  });
});

describe('outpost init with flags', () => {
  it('writes a new site that validates, with no example clock, and an incident posted into it validates', async () => {
    const dir = fresh();
    const made = await outpost(['init', dir, '--name', 'Acme Status', '--url', 'https://status.acme.com', '--component', 'Website', '--component', 'api=Public API']);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const shown = path.relative(repoRoot, dir);
    expect(made.stdout).toContain(`created ${shown}/site.yaml (Acme Status, 2 components), ${shown}/incidents/, ${shown}/maintenance/\n`);
    expect(made.stdout).toContain(`outpost incident new --content ${shown}`);
    expect(fs.readFileSync(path.join(dir, 'site.yaml'), 'utf8')).toBe(acme);
    expect(fs.readdirSync(path.join(dir, 'incidents'))).toEqual(['.gitkeep']);
    expect(fs.readdirSync(path.join(dir, 'maintenance'))).toEqual(['.gitkeep']);

    expect(await outpost(['validate', '--content', dir])).toEqual({ code: 0, stdout: 'content is valid: 0 incidents, 0 maintenance windows, 2 components.\n', stderr: '' });

    const posted = await outpost(['incident', 'new', '--content', dir, '--title', 'API errors', '--impact', 'major', '--component', 'api=partial_outage', '--message', 'Looking into it.'], {
      env: { OUTPOST_NOW: '2026-12-01T09:30:00.700Z' },
    });
    // No exampleAnchor: no notice, and the time is stored as it is.
    expect(posted).toEqual({ code: 0, stdout: `created ${shown}/incidents/2026-12-01-api-errors.md\n`, stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'incidents', '2026-12-01-api-errors.md'), 'utf8')).toContain('  - at: 2026-12-01T09:30:00Z\n');
    expect(await outpost(['validate', '--content', dir])).toMatchObject({ code: 0, stdout: 'content is valid: 1 incident, 0 maintenance windows, 2 components.\n' });
    const content = loadContent(dir, { now: new Date('2027-01-01T00:00:00Z') });
    expect(content.clockShiftMs).toBe(0);
    expect(content.incidents[0]!.began).toBe('2026-12-01T09:30:00.000Z');
  }, slow);
});

describe('outpost init, end to end', () => {
  it('a new site, an incident posted and published into its first build: on its pages and feed', async () => {
    const dir = fresh();
    const out = path.join(path.dirname(dir), 'out');
    expect((await outpost(['init', dir, '--name', 'Zed Status', '--url', 'https://status.zed.example', '--component', 'Website', '--component', 'API'])).code).toBe(0);
    // What `npm start` does with OUTPOST_CONTENT_DIR set, into a folder of the test's own: the safe build.
    const build = await outpost(['build', '--content', dir, '--data', path.join(dir, '..', 'no-data'), '--out', out]);
    expect(build.code, build.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('All Systems Operational');
    const posted = await outpost(['incident', 'new', '--title', 'API errors', '--impact', 'major', '--component', 'api=partial_outage', '--message', 'Looking into it.', '--content', dir, '--data', path.join(dir, '..', 'no-data'), '--publish', out]);
    expect(posted.code, posted.stderr).toBe(0);
    const id = /incidents\/(\S+)\.md/.exec(posted.stdout)![1]!;
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('API errors');
    expect(fs.readFileSync(path.join(out, 'incidents', `${id}.html`), 'utf8')).toContain('Looking into it.');
    expect(fs.readFileSync(path.join(out, 'feed.xml'), 'utf8')).toContain('API errors');
    fs.rmSync(buildsDirFor(repoRoot, out), { recursive: true, force: true });
  }, slow);
});

describe('outpost init refuses', () => {
  it('the shipped example, saying how to go on', async () => {
    const dir = tempContent();
    const before = snapshot(dir);
    const result = await outpost(['init', dir, '--name', 'X', '--url', 'https://x.example', '--component', 'A']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('holds the shipped example (its site.yaml has exampleAnchor); nothing was written.');
    expect(result.stderr).toContain('`outpost init my-status`');
    expect(snapshot(dir)).toEqual(before);
  }, slow);

  it.concurrent.each([
    { name: 'a URL that is not one', args: ['--name', 'A', '--url', 'status.acme.com', '--component', 'A'], code: 1, says: /my-status\/site\.yaml:6:6 url: expected an absolute http\(s\) URL, got "status\.acme\.com" \(not written\)\nrefused: 1 problem; nothing was written/ },
    { name: 'two components with one id', args: ['--name', 'A', '--url', 'https://a.example', '--component', 'API,api'], code: 1, says: /refused: --component: "API" and "api" would both have the id "api"/ },
    { name: 'a missing --name without a terminal', args: ['--url', 'https://a.example', '--component', 'A'], code: 2, says: /error: missing --name/ },
    { name: 'a missing --component without a terminal', args: ['--name', 'A', '--url', 'https://a.example'], code: 2, says: /error: missing --component/ },
  ])('$name: exit $code, no folder', async ({ args, code, says }) => {
    const dir = fresh();
    const result = await outpost(['init', dir, ...args]);
    expect(result.stderr).toMatch(says);
    expect(result.code).toBe(code);
    // The parent may have been made; the folder itself, or a temp one beside it, never.
    expect(fs.existsSync(dir)).toBe(false);
    if (fs.existsSync(path.dirname(dir))) expect(fs.readdirSync(path.dirname(dir))).toEqual([]);
  }, slow);

  it('a folder that has files', async () => {
    const dir = fresh();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const result = await outpost(['init', dir, '--name', 'A', '--url', 'https://a.example', '--component', 'A']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/my-status\/ exists and is not empty; choose a new folder \(nothing was written\)/);
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
  }, slow);
});

const relay = terminalRelay();
describe.skipIf(!relay)('outpost init at a terminal', () => {
  it('asks for the name, the address (again when it is not a URL) and the components', async () => {
    const dir = fresh();
    const typo = 'status.acme.com';
    const { code, screen } = await outpostInTerminal(relay!, ['init', dir], [
      { expect: /Site name/, keys: ['Acme Status', key.enter] },
      { expect: /Address of the status site/, keys: [typo, key.enter] },
      { expect: /expected an absolute http\(s\) URL/, keys: [...Array<string>(typo.length).fill(key.backspace), 'https://status.acme.com', key.enter] },
      { expect: /Components readers see/, keys: ['Website, api=Public API', key.enter] },
    ]);
    expect(code, screen).toBe(0);
    expect(screen).toContain('created ');
    expect(fs.readFileSync(path.join(dir, 'site.yaml'), 'utf8')).toBe(acme);
    expect(await outpost(['validate', '--content', dir])).toMatchObject({ code: 0 });
  }, slow);
});
