import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../content';
import { computeStatus } from '../status';
import { outpost, repoRoot, slow, snapshot, tempContent, withoutAnchor } from './testing';

const at = (iso: string) => ({ OUTPOST_NOW: iso });
const shown = (file: string) => path.relative(repoRoot, file);

describe('outpost incident new → update → resolve', () => {
  it('writes a timeline that validates, ends resolved and restores every affected component', async () => {
    const dir = tempContent(withoutAnchor);
    const file = path.join(dir, 'incidents', '2026-11-23-queue-backlog-jobs-delayed.md');

    const created = await outpost(
      ['incident', 'new', '--content', dir, '--title', 'Queue backlog: jobs delayed', '--impact', 'major', '--component', 'webhooks=partial_outage', '--component', 'api=degraded_performance', '--message', 'Jobs are queued.'],
      { env: at('2026-11-23T16:00:00.400Z') },
    );
    expect(created).toEqual({ code: 0, stdout: `created ${shown(file)}\n`, stderr: '' });
    const posted = `---
title: "Queue backlog: jobs delayed"
impact: major
components:
  webhooks: partial_outage
  api: degraded_performance
updates:
  - at: 2026-11-23T16:00:00Z
    status: investigating
    message: Jobs are queued.
---
`;
    expect(fs.readFileSync(file, 'utf8')).toBe(posted);

    // By slug, a message from stdin, a time with an offset, one component changed.
    const updated = await outpost(
      ['incident', 'update', 'queue-backlog-jobs-delayed', '--content', dir, '--status', 'identified', '--component', 'api=operational', '--at', '2026-11-23T17:30:00+01:00', '--message-file', '-'],
      { input: 'A stuck consumer.\n\nWe are **restarting** it.\n' },
    );
    expect(updated).toEqual({ code: 0, stdout: `updated ${shown(file)}\n`, stderr: '' });

    const resolved = await outpost(['incident', 'resolve', '2026-11-23-queue-backlog-jobs-delayed', '--content', dir], { env: at('2026-11-23T17:00:00Z') });
    expect(resolved).toEqual({ code: 0, stdout: `resolved ${shown(file)}\n`, stderr: '' });
    // Each command only added its update at the end of the list.
    expect(fs.readFileSync(file, 'utf8')).toBe(
      posted.replace(
        /---\n$/,
        `  - at: 2026-11-23T16:30:00Z
    status: identified
    message: |-
      A stuck consumer.

      We are **restarting** it.
    components:
      api: operational
  - at: 2026-11-23T17:00:00Z
    status: resolved
    message: This incident has been resolved.
    components:
      webhooks: operational
      api: operational
---
`,
      ),
    );

    expect(await outpost(['validate', '--content', dir])).toMatchObject({ code: 0 });
    const now = new Date('2026-11-23T16:45:00Z');
    const open = computeStatus(loadContent(dir, { now }), null, now);
    expect(open.openIncidents.map((i) => i.id)).toContain('2026-11-23-queue-backlog-jobs-delayed');
    expect(open.components.find((c) => c.component.id === 'webhooks')!.status).toBe('partial_outage');
    const later = new Date('2026-11-23T17:01:00Z');
    const after = computeStatus(loadContent(dir, { now: later }), null, later);
    expect(after.openIncidents.map((i) => i.id)).not.toContain('2026-11-23-queue-backlog-jobs-delayed');
    expect(after.components.find((c) => c.component.id === 'webhooks')!.status).toBe('operational');
  }, slow);

  it('in the shipped example (exampleAnchor) stores times so they read as the moment meant', async () => {
    const dir = tempContent();
    const posted = await outpost(['incident', 'new', '--content', dir, '--title', 'Search is slow', '--impact', 'minor', '--component', 'api=degraded_performance', '--message', 'Looking.'], {
      env: at('2026-12-05T09:30:00Z'),
    });
    expect(posted.code).toBe(0);
    expect(posted.stderr).toContain('has exampleAnchor: this is the shipped example, whose clock moves.');
    expect(posted.stderr).toContain('"now" is stored as 2026-11-23T12:00:00Z');
    // The anchor is 2026-11-23T12:00:00Z: "now" is stored as the anchor, and the file is named for the day it happened.
    const text = fs.readFileSync(path.join(dir, 'incidents', '2026-12-05-search-is-slow.md'), 'utf8');
    expect(text).toContain('  - at: 2026-11-23T12:00:00Z\n');
    const now = new Date('2026-12-05T09:30:00Z');
    const incident = loadContent(dir, { now }).incidents.find((i) => i.id === '2026-12-05-search-is-slow')!;
    expect(incident.began).toBe('2026-12-05T09:30:00.000Z');
    expect(computeStatus(loadContent(dir, { now }), null, now).openIncidents.map((i) => i.id)).toContain(incident.id);
  }, slow);
});

describe('outpost incident update keeps what a person wrote', () => {
  it('leaves comments, key order, quoting and the body as they were, and adds only the new lines', async () => {
    const dir = tempContent(withoutAnchor);
    const file = path.join(dir, 'incidents', '2026-11-23-email-delivery-halted.md');
    const front = `---
# Posted by the night shift; keep the wording plain.
title: 'Email delivery halted'
impact: critical # nothing leaves
components: {email: major_outage}
updates:
  - at: 2026-11-23T11:20:00Z
    status: investigating
    # first word from the on-call engineer
    message: No emails are leaving our system. Password resets and receipts are delayed; nothing is lost, and this line is long on purpose.
`;
    const body = `---
## Notes for the postmortem

- The relay's disk filled up.  \n- *Nobody* was paged.
`;
    fs.writeFileSync(file, front + body);

    const result = await outpost(
      ['incident', 'update', '2026-11-23-email-delivery-halted', '--content', dir, '--status', 'identified', '--impact', 'major', '--message', "The mail relay's disk is full."],
      { env: at('2026-11-23T12:00:00Z') },
    );
    expect(result.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      `${front.replace('impact: critical # nothing leaves', 'impact: major # nothing leaves')}  - at: 2026-11-23T12:00:00Z
    status: identified
    message: The mail relay's disk is full.
${body}`,
    );
  }, slow);
});

describe('refused input changes nothing', () => {
  const cases: { name: string; args: string[]; code: 1 | 2; says: string; input?: string; edit?: (dir: string) => void }[] = [
    {
      name: 'an unknown component',
      args: ['incident', 'update', 'elevated-api-errors', '--status', 'identified', '--component', 'apii=major_outage', '--message', 'x'],
      code: 1,
      says: 'updates[3].components.apii: unknown component "apii" (did you mean "api"?)\nrefused: the change would add 1 problem; nothing was written',
    },
    { name: 'an unknown status', args: ['incident', 'new', '--title', 'X', '--impact', 'minor', '--status', 'investigatin', '--message', 'x'], code: 1, says: 'updates[0].status: expected investigating | identified | monitoring | resolved | postmortem, got "investigatin"' },
    { name: 'an unknown impact', args: ['incident', 'new', '--title', 'X', '--impact', 'huge', '--message', 'x'], code: 1, says: 'impact: expected none | minor | major | critical, got "huge"' },
    { name: 'a time without an offset', args: ['incident', 'update', 'elevated-api-errors', '--status', 'identified', '--message', 'x', '--at', '2026-11-23 12:00'], code: 1, says: '--at: a time needs an offset or Z, got "2026-11-23 12:00"' },
    { name: 'an update dated before the one it follows', args: ['incident', 'update', 'elevated-api-errors', '--status', 'identified', '--message', 'x', '--at', '2026-11-23T10:00:00Z'], code: 1, says: 'updates[3].at: expected a time at or after updates[2].at' },
    { name: 'an update to a resolved incident', args: ['incident', 'update', 'login-failures', '--status', 'identified', '--message', 'x'], code: 1, says: 'expected resolved | postmortem after the incident was resolved, got "identified"' },
    { name: 'resolving twice', args: ['incident', 'resolve', 'login-failures'], code: 1, says: 'refused: 2026-11-20-login-failures is already resolved' },
    { name: 'an unknown incident', args: ['incident', 'update', 'elevated-api-eror', '--status', 'identified', '--message', 'x'], code: 1, says: 'refused: unknown incident "elevated-api-eror" (did you mean "elevated-api-errors"?)' },
    { name: 'a file that exists', args: ['incident', 'new', '--title', 'Email delivery halted', '--impact', 'minor', '--message', 'x', '--at', '2026-11-23T09:00:00Z'], code: 1, says: '2026-11-23-email-delivery-halted.md already exists' },
    { name: 'a --slug another incident ends in', args: ['incident', 'new', '--title', 'X', '--impact', 'minor', '--message', 'x', '--slug', 'api-outage'], code: 1, says: 'refused: --slug api-outage: 2026-10-28-api-outage already ends in "api-outage"' },
    {
      name: 'a problem in a file not written',
      args: ['incident', 'new', '--title', 'X', '--impact', 'minor', '--message', 'x', '--component', 'apii=major_outage'],
      code: 1,
      says: '2026-11-23-x.md:5:3 components.apii: unknown component "apii" (did you mean "api"?) (not written)\nrefused: the change would add 1 problem; nothing was written',
    },
    { name: 'a slug that is not [a-z0-9-]', args: ['incident', 'new', '--title', 'X', '--impact', 'minor', '--message', 'x', '--slug', '../../x'], code: 1, says: '--slug expects lowercase letters, digits and single dashes' },
    { name: 'a missing --message without a terminal', args: ['incident', 'new', '--title', 'X', '--impact', 'minor'], code: 2, says: 'error: missing --message' },
    { name: 'a missing --title without a terminal', args: ['incident', 'new', '--impact', 'minor', '--message', 'x'], code: 2, says: 'error: missing --title' },
    { name: 'a missing --status without a terminal', args: ['incident', 'update', 'elevated-api-errors', '--message', 'x'], code: 2, says: 'error: missing --status' },
    { name: 'a --component without a status', args: ['incident', 'new', '--title', 'X', '--impact', 'minor', '--message', 'x', '--component', 'api'], code: 2, says: '--component expects <component>=<status>' },
    { name: 'both --message and --message-file', args: ['incident', 'resolve', 'elevated-api-errors', '--message', 'x', '--message-file', '-'], code: 2, says: 'give --message or --message-file, not both' },
    { name: 'an unknown flag', args: ['incident', 'resolve', 'elevated-api-errors', '--mesage', 'x'], code: 2, says: "unknown option '--mesage'" },
    { name: 'a missing id', args: ['incident', 'update'], code: 2, says: "missing required argument 'id'" },
  ];

  it.concurrent.each(cases)('$name: exit $code', async ({ args, code, says, input, edit }) => {
    const dir = tempContent(edit);
    const before = snapshot(dir);
    const result = await outpost([...args, '--content', dir], { input, env: at('2026-11-23T12:30:00Z') });
    expect(result.stderr).toContain(says);
    expect(result.code).toBe(code);
    expect(snapshot(dir)).toEqual(before);
  }, slow);
});

describe('a problem in another file', () => {
  const typo = (dir: string) => path.join(dir, 'incidents', '2026-11-20-typo.md');
  const broken = (dir: string) => fs.writeFileSync(typo(dir), '---\ntitle: x\nimpact: huge\nupdates: [{at: 2026-11-20T10:00:00Z, status: investigating, message: x}]\n---\n');
  const typoLine = (dir: string) => `${shown(typo(dir))}:3:9 impact: expected none | minor | major | critical, got "huge"`;

  it('does not stop an edit: it is written, with a warning naming the problem already there', async () => {
    const dir = tempContent((d) => (withoutAnchor(d), broken(d)));
    const file = path.join(dir, 'incidents', '2026-11-23-elevated-api-errors.md');
    const before = fs.readFileSync(file, 'utf8');
    const typoBefore = fs.readFileSync(typo(dir), 'utf8');
    const result = await outpost(['incident', 'update', 'elevated-api-errors', '--content', dir, '--status', 'identified', '--message', 'Still on it.'], { env: at('2026-11-23T12:30:00Z') });
    expect(result).toEqual({
      code: 0,
      stdout: `updated ${shown(file)}\n`,
      stderr: `warning: ${shown(dir)}/ has 1 problem this change did not cause; fix it (\`outpost validate\` lists every problem):\n${typoLine(dir)}\n`,
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(before.replace(/---\n$/, '  - at: 2026-11-23T12:30:00Z\n    status: identified\n    message: Still on it.\n---\n'));
    expect(fs.readFileSync(typo(dir), 'utf8')).toBe(typoBefore);

    const created = await outpost(['incident', 'new', '--content', dir, '--title', 'Slow search', '--impact', 'minor', '--message', 'Looking.'], { env: at('2026-11-23T12:40:00Z') });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain(typoLine(dir));
    expect(fs.existsSync(path.join(dir, 'incidents', '2026-11-23-slow-search.md'))).toBe(true);
  }, slow);

  it('still refuses a change that adds a problem, printing only the new one', async () => {
    const dir = tempContent((d) => (withoutAnchor(d), broken(d)));
    const before = snapshot(dir);
    const result = await outpost(['incident', 'update', 'elevated-api-errors', '--content', dir, '--status', 'identified', '--component', 'apii=major_outage', '--message', 'x'], {
      env: at('2026-11-23T12:30:00Z'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${shown(path.join(dir, 'incidents', '2026-11-23-elevated-api-errors.md'))}:26:7 updates[3].components.apii: unknown component "apii" (did you mean "api"?)\n` +
        `refused: the change would add 1 problem; nothing was written\n(${shown(dir)}/ also has 1 problem from before, in other files; \`outpost validate\` lists them)\n`,
    );
    expect(snapshot(dir)).toEqual(before);
  }, slow);

  it('in site.yaml does not stop posting an incident either', async () => {
    const dir = tempContent((d) => {
      withoutAnchor(d);
      const site = path.join(d, 'site.yaml');
      fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace('url: https://status.acme.example', 'url: not-a-url'));
    });
    const result = await outpost(['incident', 'new', '--content', dir, '--title', 'Slow search', '--impact', 'minor', '--component', 'api=degraded_performance', '--message', 'Looking.'], {
      env: at('2026-11-23T12:40:00Z'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/site\.yaml:\d+:6 url: expected an absolute http\(s\) URL, got "not-a-url"/);
  }, slow);

  it('refuses an edit of the broken file itself, naming its problems', async () => {
    const dir = tempContent((d) => (withoutAnchor(d), broken(d)));
    const before = snapshot(dir);
    const result = await outpost(['incident', 'resolve', 'typo', '--content', dir], { env: at('2026-11-23T12:30:00Z') });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${typoLine(dir)}\nrefused: ${shown(typo(dir))} has 1 problem of its own; fix it by hand first (nothing was written)\n`);
    expect(snapshot(dir)).toEqual(before);
  }, slow);
});

describe('a title whose slug another incident has', () => {
  it('is posted, with a note to name it by its whole id', async () => {
    const dir = tempContent(withoutAnchor);
    const result = await outpost(['incident', 'new', '--content', dir, '--title', 'API outage', '--impact', 'minor', '--message', 'Again.'], { env: at('2026-11-23T12:30:00Z') });
    expect(result).toEqual({
      code: 0,
      stdout: `created ${shown(path.join(dir, 'incidents', '2026-11-23-api-outage.md'))}\n`,
      stderr: 'note: 2026-10-28-api-outage ends in the same slug; name this incident by its whole id, 2026-11-23-api-outage\n',
    });
  }, slow);
});

describe('outpost incident --dry-run', () => {
  it('prints the file it would write and writes nothing', async () => {
    const dir = tempContent(withoutAnchor);
    const before = snapshot(dir);
    const created = await outpost(['incident', 'new', '--content', dir, '--title', 'Slow exports', '--impact', 'minor', '--message', 'Exports take minutes.', '--dry-run'], {
      env: at('2026-11-23T12:30:00Z'),
    });
    expect(created.code).toBe(0);
    expect(created.stdout).toBe('---\ntitle: Slow exports\nimpact: minor\nupdates:\n  - at: 2026-11-23T12:30:00Z\n    status: investigating\n    message: Exports take minutes.\n---\n');
    expect(created.stderr).toMatch(/dry run: .*2026-11-23-slow-exports\.md would be created; nothing was written/);

    const file = path.join(dir, 'incidents', '2026-11-23-elevated-api-errors.md');
    const resolved = await outpost(['incident', 'resolve', 'elevated-api-errors', '--content', dir, '--dry-run', '--message', 'Fixed.'], { env: at('2026-11-23T12:30:00Z') });
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toBe(
      fs.readFileSync(file, 'utf8').replace(/---\n$/, '  - at: 2026-11-23T12:30:00Z\n    status: resolved\n    message: Fixed.\n    components:\n      api: operational\n      dashboard: operational\n---\n'),
    );
    expect(snapshot(dir)).toEqual(before);
  }, slow);
});

describe('outpost incident list', () => {
  it('shows open incidents and those resolved in the last days, as text and JSON', async () => {
    const dir = tempContent(withoutAnchor);
    const env = at('2026-11-23T12:30:00Z');
    const text = await outpost(['incident', 'list', '--content', dir], { env });
    expect(text.code).toBe(0);
    const [open, recent] = text.stdout.split('\n\n');
    expect(open).toMatch(/^Open \(3\):\n {2}2026-11-23-email-delivery-halted +critical +investigating +since 2026-11-23 11:20 UTC +Email delivery halted\n {2}2026-11-23-elevated-api-errors /);
    expect(recent).toMatch(/^Resolved in the last 7 days \(1\):\n {2}2026-11-20-login-failures +major +postmortem +resolved 2026-11-20 09:48 UTC +Sign-in failures/);

    const json = await outpost(['incident', 'list', '--content', dir, '--json', '--days', '30'], { env });
    const parsed = JSON.parse(json.stdout) as { open: { id: string; components: object }[]; recent: { id: string }[] };
    expect(parsed.open.map((i) => i.id)).toEqual(['2026-11-23-email-delivery-halted', '2026-11-23-elevated-api-errors', '2026-11-23-slow-cdn-downloads']);
    expect(parsed.open[1]!.components).toEqual({ api: 'partial_outage', dashboard: 'operational' });
    expect(parsed.recent.map((i) => i.id)).toEqual(['2026-11-20-login-failures', '2026-11-10-slow-dashboard', '2026-10-28-api-outage']);
  }, slow);
});
