import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { key, outpostInTerminal, slow, snapshot, tempContent, terminalRelay, withoutAnchor } from './testing';

const relay = terminalRelay();
if (!relay) console.warn('prompts.test.ts skipped: no pseudo-terminal here (needs python3 with its pty module, or util-linux script)');

describe.skipIf(!relay)('at a terminal, outpost asks for what is missing', () => {
  it('incident new asks every question and writes what was answered', async () => {
    const dir = tempContent(withoutAnchor);
    const { code, screen } = await outpostInTerminal(
      relay!,
      ['incident', 'new', '--content', dir],
      [
        { expect: /Title/, keys: ['Queue backlog', key.enter] },
        { expect: /Impact[\s\S]*critical/, keys: [key.down, key.enter] }, // minor → major
        { expect: /Affected components[\s\S]*Webhooks \(webhooks\)[\s\S]*submit/, keys: [key.down, key.space, key.enter] }, // website → api
        { expect: /Status of api[\s\S]*major_outage/, keys: [key.down, key.enter] }, // partial_outage → major_outage
        { expect: /Status[\s\S]*postmortem/, keys: [key.enter] }, // investigating
        { expect: /Message/, keys: ['Jobs are *queued*.', key.enter] },
      ],
      { OUTPOST_NOW: '2026-11-23T12:30:00Z' },
    );
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/created .*2026-11-23-queue-backlog\.md/);
    expect(fs.readFileSync(path.join(dir, 'incidents', '2026-11-23-queue-backlog.md'), 'utf8')).toBe(
      `---
title: Queue backlog
impact: major
components:
  api: major_outage
updates:
  - at: 2026-11-23T12:30:00Z
    status: investigating
    message: Jobs are *queued*.
---
`,
    );
  }, slow);

  it('maintenance new asks only for what the flags left out, and re-asks a time without an offset', async () => {
    const dir = tempContent(withoutAnchor);
    const naive = '2026-11-25 02:00';
    const { code, screen } = await outpostInTerminal(
      relay!,
      ['maintenance', 'new', '--content', dir, '--title', 'Queue upgrade', '--component', 'webhooks'],
      [
        { expect: /Starts at/, keys: [naive, key.enter] },
        { expect: /expected ISO 8601 with an offset or Z/, keys: [...Array<string>(naive.length).fill(key.backspace), '2026-11-25T02:00:00Z', key.enter] },
        { expect: /Ends at/, keys: ['2026-11-25T03:00:00+00:00', key.enter] },
        { expect: /Description for readers/, keys: [key.enter] },
      ],
      { OUTPOST_NOW: '2026-11-23T12:30:00Z' },
    );
    expect(code, screen).toBe(0);
    expect(screen).not.toMatch(/Title|Components under maintenance/);
    expect(fs.readFileSync(path.join(dir, 'maintenance', '2026-11-25-queue-upgrade.md'), 'utf8')).toBe(
      '---\ntitle: Queue upgrade\ncomponents:\n  - webhooks\nstart: 2026-11-25T02:00:00Z\nend: 2026-11-25T03:00:00Z\n---\n',
    );
  }, slow);

  it('Ctrl+C at a prompt writes nothing', async () => {
    const dir = tempContent();
    const before = snapshot(dir);
    const { code, screen } = await outpostInTerminal(relay!, ['incident', 'resolve', 'elevated-api-errors', '--content', dir], [{ expect: /Message/, keys: ['\u0003'] }]);
    expect(code, screen).toBe(1);
    expect(screen).toContain('cancelled: nothing was written');
    expect(snapshot(dir)).toEqual(before);
  }, slow);
});
