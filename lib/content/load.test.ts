import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, checkContent, formatProblem, loadContent } from '.';
import { relativeTo } from './load';

const fixtures = path.join(__dirname, 'fixtures');
const check = (kind: 'valid' | 'invalid', name: string, now?: Date) => checkContent('.', { cwd: path.join(fixtures, kind, name), now });
const lines = (kind: 'valid' | 'invalid', name: string) => check(kind, name).problems.map(formatProblem);

/**
 * Each invalid fixture and exactly the lines `outpost validate` prints for it, in order. Paths are relative
 * to the fixture, as they are relative to the working directory for `outpost validate`.
 */
const expectedErrors: Record<string, string[]> = {
  'entry-file-names': [
    'incidents/api down.md:1:1 file name: expected <yyyy-mm-dd>-<slug>.md with a slug of [a-z0-9-], got "api down.md"',
    'maintenance/2026-03-14.md:1:1 file name: expected <yyyy-mm-dd>-<slug>.md with a slug of [a-z0-9-], got "2026-03-14.md"',
  ],
  'entry-no-front-matter': [
    'incidents/2026-03-14-no-front-matter.md:1:1 expected front matter between two "---" lines at the top of the file, got none',
  ],
  'entry-yaml-syntax': [
    'incidents/2026-03-14-bad-yaml.md:3:9 invalid YAML: Nested mappings are not allowed in compact mappings',
    'incidents/2026-03-14-bad-yaml.md:3:9 invalid YAML: Implicit keys need to be on a single line',
  ],
  'every-file': [
    'site.yaml:2:6 url: expected an absolute http(s) URL, got "not-a-url"',
    'site.yaml:6:9 components[1].id: duplicate component id "api" (first used by components[0])',
    'site.yaml:10:12 components[2].group: unknown group "core" (known: none)',
    'incidents/2026-03-14-api-down.md:3:9 impact: expected none | minor | major | critical, got "huge"',
    'incidents/2026-03-14-api-down.md:5:3 components.db: unknown component "db" (known: api, web)',
    'maintenance/2026-03-20-upgrade.md:3:14 components[0]: unknown component "db" (known: api, web)',
    'maintenance/2026-03-20-upgrade.md:5:6 end: expected a time after start (2026-03-20T04:00:00.000Z), got "2026-03-20T04:00:00.000Z"',
  ],
  'incident-bad-impact-and-unknown-component': [
    'incidents/2026-03-14-api-down.md:3:9 impact: expected none | minor | major | critical, got "huge"',
    'incidents/2026-03-14-api-down.md:5:3 components.payments: unknown component "payments" (known: api, web)',
    'incidents/2026-03-14-api-down.md:10:9 updates[1].at: expected a time at or after updates[0].at (2026-03-14T11:00:00.000Z), got "2026-03-14T10:00:00.000Z"',
  ],
  'incident-fields': [
    'incidents/2026-03-14-api-down.md:2:8 title: expected some text, got ""',
    'incidents/2026-03-14-api-down.md:3:9 impact: expected none | minor | major | critical, got "huge"',
    'incidents/2026-03-14-api-down.md:4:1 severity: unknown field "severity"',
    'incidents/2026-03-14-api-down.md:6:8 components.api: expected operational | under_maintenance | degraded_performance | partial_outage | major_outage, got "down"',
    'incidents/2026-03-14-api-down.md:7:3 components.Web: expected lowercase letters, digits and single dashes ([a-z0-9-]), got "Web"',
    'incidents/2026-03-14-api-down.md:10:13 updates[0].status: expected investigating | identified | monitoring | resolved | postmortem, got "looking"',
    'incidents/2026-03-14-api-down.md:11:14 updates[0].message: expected some text, got an empty string',
    'incidents/2026-03-14-api-down.md:12:5 updates[0].colour: unknown field "colour"',
  ],
  'incident-no-updates': [
    'incidents/2026-03-14-api-down.md:4:10 updates: expected at least one update, got none',
  ],
  'incident-timeline': [
    'incidents/2026-03-14-api-down.md:8:9 updates[0].at: expected a time at or after startedAt (2026-03-14T10:30:00.000Z), got "2026-03-14T10:00:00.000Z"',
    'incidents/2026-03-14-api-down.md:14:9 updates[2].at: expected a time at or after updates[1].at (2026-03-14T11:00:00.000Z), got "2026-03-14T10:45:00.000Z"',
    'incidents/2026-03-14-api-down.md:15:13 updates[2].status: expected resolved | postmortem after the incident was resolved, got "monitoring"',
  ],
  'incident-times': [
    'incidents/2026-03-14-api-down.md:4:12 startedAt: a time needs an offset or Z, got "2026-03-14T09:00:00"',
    'incidents/2026-03-14-api-down.md:6:9 updates[0].at: a time needs an offset or Z, got "2026-03-14 10:00"',
    'incidents/2026-03-14-api-down.md:9:9 updates[1].at: expected an ISO 8601 time with an offset or Z, got "yesterday"',
    'incidents/2026-03-14-api-down.md:12:9 updates[2].at: expected a real date and time, got "2026-13-40T10:00:00Z" (there is no month 13)',
  ],
  'incident-unknown-components': [
    'incidents/2026-03-14-api-down.md:5:3 components.apii: unknown component "apii" (did you mean "api"?)',
    'incidents/2026-03-14-api-down.md:6:3 components.database: unknown component "database" (known: api, web)',
    'incidents/2026-03-14-api-down.md:12:7 updates[0].components.webs: unknown component "webs" (did you mean "web"?)',
  ],
  'maintenance-fields': [
    'maintenance/2026-03-20-upgrade.md:2:1 end: expected an ISO 8601 time with an offset or Z, got nothing',
    'maintenance/2026-03-20-upgrade.md:3:13 components: expected at least one component id, got none',
    'maintenance/2026-03-20-upgrade.md:5:14 description: expected some text, got an empty string',
    'maintenance/2026-03-20-upgrade.md:8:13 updates[0].status: expected scheduled | in_progress | verifying | completed | cancelled, got "started"',
    'maintenance/2026-03-20-upgrade.md:10:5 updates[1].message: expected some text, got nothing',
  ],
  'maintenance-window': [
    'maintenance/2026-03-20-upgrade.md:3:19 components[1]: unknown component "database" (known: api, web)',
    'maintenance/2026-03-20-upgrade.md:3:29 components[2]: expected lowercase letters, digits and single dashes ([a-z0-9-]), got "Web"',
    'maintenance/2026-03-20-upgrade.md:5:6 end: expected a time after start (2026-03-20T04:00:00.000Z), got "2026-03-20T02:00:00.000Z"',
    'maintenance/2026-03-20-upgrade.md:9:9 updates[1].at: expected a time at or after updates[0].at (2026-03-20T03:00:00.000Z), got "2026-03-20T01:00:00.000Z"',
  ],
  'site-checks': [
    'site.yaml:7:15 components[0].checks[0].type: expected type http | tcp | dns | tls | statuspage, got "ping"',
    'site.yaml:10:14 components[0].checks[1].url: expected an absolute http(s) URL, got "gopher://api.test.example"',
    'site.yaml:11:17 components[0].checks[1].method: expected GET | HEAD | POST | PUT | OPTIONS, got "FETCH"',
    'site.yaml:12:29 components[0].checks[1].headers.X-Token: expected a string, got 1',
    'site.yaml:13:29 components[0].checks[1].expectStatus[1]: expected a status code or a class like "2xx", got "2xy"',
    'site.yaml:14:15 components[0].checks[1].json.equals: expected a string, number, true, false or null, got nothing',
    'site.yaml:15:20 components[0].checks[1].timeoutMs: expected more than 0, got 0',
    'site.yaml:18:15 components[0].checks[2].port: expected at most 65535, got 70000',
    'site.yaml:21:21 components[0].checks[3].recordType: expected A | AAAA | CNAME | MX | TXT | NS, got "SRV"',
    'site.yaml:24:9 components[0].checks[4].target: unknown field "target"',
    'site.yaml:26:20 monitoring.intervalSeconds: expected at least 5, got 1',
    'site.yaml:27:11 monitoring.quorum: expected majority or a whole number of at least 1, got "most"',
    'site.yaml:30:15 monitoring.webhooks[0].format: expected json | slack, got "teams"',
  ],
  'site-reports-and-providers': [
    'site.yaml:6:10 components[0].sla: expected at most 100, got 101',
    'site.yaml:10:27 components[0].checks[0].components[1]: expected a string, got 3',
    'site.yaml:11:18 components[0].checks[0].affects: expected a boolean, got "yes please"',
    'site.yaml:13:5 providers[0].name: expected a string, got nothing',
    'site.yaml:15:9 providers[1].id: duplicate check id "api" (first used by components[0].checks[0])',
    'site.yaml:19:12 reports.outages: expected both | monitor | incidents, got "pinger"',
    'site.yaml:20:30 reports.weights.partial_outage: expected at most 1, got 2',
    'site.yaml:21:16 reports.maintenance: expected exclude | include, got "skip"',
    'site.yaml:22:11 reports.noData: expected exclude | up | down, got "maybe"',
  ],
  'site-duplicate-ids': [
    'site.yaml:6:9 groups[1].id: duplicate group id "core" (first used by groups[0])',
    'site.yaml:15:9 components[0].checks[1]: duplicate check id "api" (first used by components[0].checks[0])',
    'site.yaml:19:9 components[1].id: duplicate component id "api" (first used by components[0])',
  ],
  'site-fields': [
    'site.yaml:1:7 name: expected some text, got ""',
    'site.yaml:2:6 url: expected an absolute http(s) URL, got "ftp://status.test.example"',
    'site.yaml:3:11 homepage: expected an absolute http(s) URL, got "not a url"',
    'site.yaml:4:1 colour: unknown field "colour"',
    'site.yaml:5:16 exampleAnchor: a time needs an offset or Z, got "2026-03-14 12:00"',
    'site.yaml:6:13 components: expected at least one component, got none',
  ],
  'site-ids': [
    'site.yaml:4:9 groups[0].id: expected lowercase letters, digits and single dashes ([a-z0-9-]), got "Core Services"',
    'site.yaml:7:9 components[0].id: expected lowercase letters, digits and single dashes ([a-z0-9-]), got "api_v2"',
    'site.yaml:10:11 components[1].name: expected some text, got ""',
    'site.yaml:11:12 components[1].group: unknown group "edge" (known: none)',
  ],
  'site-missing': [
    'site.yaml:1:1 expected a site file, got nothing (create content/site.yaml)',
  ],
  'site-missing-fields': [
    'site.yaml:1:1 name: expected a string, got nothing',
    'site.yaml:1:1 url: expected an absolute http(s) URL, got nothing',
    'site.yaml:1:1 components: expected a list, got nothing',
  ],
  'site-unknown-group': [
    'site.yaml:11:12 components[0].group: unknown group "cor" (did you mean "core"?)',
    'site.yaml:14:12 components[1].group: unknown group "backend" (known: core, edge)',
  ],
  'files-not-read': [
    '2026-03-17-in-the-root.md:1:1 not read: an incident or maintenance file belongs in incidents/ or maintenance/',
    'Maintenance/2026-03-20-upgrade.md:1:1 not read: Outpost reads no folder "Maintenance" (did you mean "maintenance"?)',
    'incident/2026-03-16-typo-folder.md:1:1 not read: Outpost reads no folder "incident" (did you mean "incidents"?)',
    'incidents/archive/2025-01-01-old.md:1:1 not read: Outpost reads only the files directly in incidents/, not in folders inside it',
    'site.yml:1:1 not read: Outpost reads no file "site.yml" (did you mean "site.yaml"?)',
  ],
  'files-links-and-folders': [
    'incidents/2026-03-15-folder.md:1:1 expected a file, got a folder',
    'incidents/2026-03-16-dangling.md:1:1 expected a file, got a symbolic link (Outpost follows no link inside content/: put the real one here)',
    'incidents/2026-03-17-linked.md:1:1 expected a file, got a symbolic link (Outpost follows no link inside content/: put the real one here)',
    'maintenance:1:1 expected a folder, got a symbolic link (Outpost follows no link inside content/: put the real one here)',
  ],
  'files-site-folder': [
    'site.yaml:1:1 expected a file, got a folder',
  ],
  'dates-impossible': [
    'incidents/2026-02-30-leap-day.md:1:1 file name: expected a real date, got "2026-02-30" (February 2026 has 28 days)',
    'incidents/2026-03-14-api-errors.md:7:9 updates[0].at: expected a real date and time, got "2026-02-29T10:00:00Z" (February 2026 has 28 days)',
    'maintenance/2026-03-20-upgrade.md:4:8 start: expected a real date and time, got "2026-04-31T02:00:00Z" (April 2026 has 30 days)',
    'maintenance/2026-03-20-upgrade.md:5:6 end: expected a real date and time, got "2026-03-20T24:00:00+01:00" (there is no hour 24)',
  ],
  'text-control-characters': [
    'site.yaml:7:11 components[1].name: expected text without control characters, got U+001B (written as an escape such as "\\x07" or "\\u0007": remove it)',
    'incidents/2026-03-14-bell-in-title.md:2:12 title: expected text without control characters, got U+0007 (1 more in this file; invisible in most editors: delete it and type the text again)',
    'incidents/2026-03-15-escaped-nul.md:9:14 updates[0].message: expected text without control characters, got U+0000 (written as an escape such as "\\x07" or "\\u0007": remove it)',
    'incidents/2026-03-16-body.md:12:5 expected text without control characters, got U+007F (invisible in most editors: delete it and type the text again)',
    'incidents/2026-03-17-lone-surrogate.md:2:8 title: expected text without control characters, got U+D800 (written as an escape such as "\\x07" or "\\u0007": remove it)',
    'incidents/2026-03-19-raw-in-update.md:11:9 updates[0].message: expected text without control characters, got U+0008 (invisible in most editors: delete it and type the text again)',
  ],
  'text-invalid-utf8': [
    'incidents/2026-03-14-latin-1.md:2:11 expected UTF-8 text, got the byte 0xE9 (save the file as UTF-8)',
    'maintenance/2026-03-20-upgrade.md:6:19 expected UTF-8 text, got the byte 0xE2 (save the file as UTF-8)',
  ],
  'entry-yaml-places': [
    'incidents/2026-03-14-unclosed-quote.md:2:8 invalid YAML: Missing closing "quote',
    'incidents/2026-03-15-alias-bomb.md:4:8 invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    'incidents/2026-03-16-unknown-alias.md:3:9 invalid YAML: Unresolved alias (the anchor must be set before the alias): severity',
  ],
  'case-did-you-mean': [
    'incidents/2026-03-14-api-errors.md:3:9 impact: expected none | minor | major | critical, got "Major" (did you mean "major"?)',
    'incidents/2026-03-14-api-errors.md:5:8 components.api: expected operational | under_maintenance | degraded_performance | partial_outage | major_outage, got "Major Outage" (did you mean "major_outage"?)',
    'incidents/2026-03-14-api-errors.md:6:8 components.web: expected operational | under_maintenance | degraded_performance | partial_outage | major_outage, got "degraded-performance" (did you mean "degraded_performance"?)',
    'incidents/2026-03-14-api-errors.md:9:13 updates[0].status: expected investigating | identified | monitoring | resolved | postmortem, got "Monitoring" (did you mean "monitoring"?)',
    'incidents/2026-03-14-api-errors.md:12:13 updates[1].status: expected investigating | identified | monitoring | resolved | postmortem, got "RESOLVED" (did you mean "resolved"?)',
    'maintenance/2026-03-20-upgrade.md:8:13 updates[0].status: expected scheduled | in_progress | verifying | completed | cancelled, got "In Progress" (did you mean "in_progress"?)',
  ],
  'site-yaml-syntax': [
    'site.yaml:6:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
};

/** The warnings (files not read) `outpost validate` prints for a fixture, when it has any; they do not make it invalid. */
const expectedWarnings: Record<string, string[]> = {
  'files-not-read': [
    '.editor-settings:1:1 warning: not read: its name starts with "." (a hidden file); remove the dot to publish it',
    'drafts/2026-03-18-idea.md:1:1 warning: not read: Outpost reads only site.yaml, incidents/*.md and maintenance/*.md',
    'incidents/.2026-03-15-hidden.md:1:1 warning: not read: its name starts with "." (a hidden file); remove the dot to publish it',
    'notes.txt:1:1 warning: not read: Outpost reads only site.yaml, incidents/*.md and maintenance/*.md',
  ],
  'files-links-and-folders': [
    'shared:1:1 warning: not read: Outpost reads only site.yaml, incidents/*.md and maintenance/*.md',
  ],
};

describe('invalid content fixtures', () => {
  const names = fs.readdirSync(path.join(fixtures, 'invalid')).sort();

  it('every fixture has its expected lines, and every expectation a fixture', () => {
    expect(names).toEqual(Object.keys(expectedErrors).sort());
  });

  it.each(names)('%s', (name) => {
    const result = check('invalid', name);
    expect(result.content).toBeNull();
    expect(result.problems.map(formatProblem)).toEqual(expectedErrors[name]);
    expect(result.warnings.map(formatProblem)).toEqual(expectedWarnings[name] ?? []);
  });

  it('loadContent throws a ContentError that lists every problem', () => {
    const dir = path.join(fixtures, 'invalid', 'every-file');
    expect.assertions(3);
    try {
      loadContent('.', { cwd: dir });
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toHaveLength(expectedErrors['every-file']!.length);
      expect((error as ContentError).message).toContain(`7 problems in content:\n${expectedErrors['every-file']!.join('\n')}`);
    }
  });
});

describe('valid content fixtures', () => {
  it.each(['minimal', 'full', 'with-notes'])('%s has no problems', (name) => {
    expect(lines('valid', name)).toEqual([]);
  });

  it('with-notes: READMEs and .gitkeep pass in silence, another file is a warning, CRLF, tabs and any script are text', () => {
    const { content, warnings } = check('valid', 'with-notes');
    expect(warnings.map(formatProblem)).toEqual(['notes.txt:1:1 warning: not read: Outpost reads only site.yaml, incidents/*.md and maintenance/*.md']);
    const [incident] = content!.incidents;
    expect(incident).toMatchObject({ id: '2026-03-14-crlf-and-tabs', title: 'Café 東京 عربي 🔥 <b>&amp;]]>', body: 'A body with a tab.', began: '2024-02-29T04:30:00.000Z' });
    expect(incident!.updates[0]!.message).toBe('Fixed,\tat last.');
    expect(content!.site.components[0]!.name).toBe('Public API');
  });

  it('minimal: defaults fill what is left out', () => {
    const { site, incidents, maintenance, clockShiftMs } = check('valid', 'minimal').content!;
    expect(site.url).toBe('https://status.minimal.example');
    expect(site.groups).toEqual([]);
    expect(site.components).toEqual([{ id: 'app', name: 'App', checks: [] }]);
    expect(site.monitoring).toMatchObject({ intervalSeconds: 60, timeoutMs: 10_000, quorum: 'majority', webhooks: [] });
    expect([incidents, maintenance, clockShiftMs]).toEqual([[], [], 0]);
  });

  it('full: times are UTC, an incident knows when it began and was resolved, a window how it ended', () => {
    const anchor = new Date('2026-03-14T11:00:00Z'); // site.yaml's exampleAnchor, so nothing moves
    const { incidents, maintenance, clockShiftMs } = check('valid', 'full', anchor).content!;
    expect(clockShiftMs).toBe(0);
    expect(incidents.map((i) => i.id)).toEqual(['2026-03-14-api-errors', '2026-03-14-docs-notice']);
    const [errors, notice] = incidents;
    expect(errors).toMatchObject({
      began: '2026-03-14T09:55:00.000Z',
      resolvedAt: '2026-03-14T10:30:00.000Z',
      file: 'incidents/2026-03-14-api-errors.md',
      body: '## What happened\n\nA deploy went wrong.',
    });
    expect(errors!.updates[1]).toMatchObject({ at: '2026-03-14T10:00:00.000Z', components: { cdn: 'operational' } });
    expect(notice).toMatchObject({ began: '2026-03-14T08:00:00.000Z', resolvedAt: null, components: {} });
    expect(maintenance.map((m) => [m.id, m.endedEarly])).toEqual([
      ['2026-03-20-db-upgrade', { at: '2026-03-20T03:10:00.000Z', status: 'completed' }],
      ['2026-03-25-cdn-move', { at: '2026-03-24T09:00:00.000Z', status: 'cancelled' }],
    ]);
  });

  it('exampleAnchor moves every time by (now − anchor)', () => {
    const day = 86_400_000;
    const still = check('valid', 'full', new Date('2026-03-14T11:00:00Z')).content!;
    const moved = check('valid', 'full', new Date('2026-03-16T11:00:00Z')).content!;
    expect(moved.clockShiftMs).toBe(2 * day);
    const times = (c: typeof still) => [
      ...c.incidents.flatMap((i) => [i.began, i.resolvedAt, i.startedAt, ...i.updates.map((u) => u.at)]),
      ...c.maintenance.flatMap((m) => [m.start, m.end, m.endedEarly?.at, ...m.updates.map((u) => u.at)]),
    ];
    const shifted = times(still).map((t) => (t ? new Date(Date.parse(t) + 2 * day).toISOString() : t));
    expect(times(moved)).toEqual(shifted);
    expect(times(moved).filter(Boolean)).toHaveLength(18);
  });
});

describe('the shipped example content', () => {
  it('validates', () => {
    const { problems, content } = checkContent(path.join(__dirname, '..', '..', 'content'));
    expect(problems.map(formatProblem)).toEqual([]);
    expect(content!.site.exampleAnchor).toBeDefined();
  });
});

describe('site.yaml between loads', () => {
  it('is read again only when it changed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-site-'));
    fs.cpSync(path.join(fixtures, 'valid', 'minimal'), dir, { recursive: true });
    const site = () => checkContent(dir).content!.site;
    const first = site();
    expect(site()).toBe(first);
    const file = path.join(dir, 'site.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^name: .*$/m, 'name: Renamed'));
    expect(site()).not.toBe(first);
    expect(site().name).toBe('Renamed');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('paths in messages', () => {
  it('are what path.relative says, for files under the working folder, beside it, above it and elsewhere', () => {
    const cwds = ['/work/main', '/work/main/', '/', '/tmp', '/work/main/content'];
    const files = [
      '/tmp/prof/content/incidents/2026-01-01-a.md',
      '/work/main/content/site.yaml',
      '/work/main/content/incidents/2026-01-01-b.md',
      '/work/x.md',
      '/a.md',
      '/work/main',
      '/work',
      '/',
      '/work/mainx/y.md',
      '/work/main/.hidden/z.md',
      '/tmp/prof/content/incidents',
    ];
    for (const cwd of cwds) {
      const rel = relativeTo(cwd);
      // Twice: the second answer comes from what the first remembered of its folder.
      for (const file of [...files, ...files]) expect(rel(file), `${file} from ${cwd}`).toBe(path.relative(cwd, file) || '.');
    }
  });
});
