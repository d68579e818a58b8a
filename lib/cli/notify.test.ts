import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changesBetween } from '../notify/events';
import { fileMode } from '../notify/locked-file';
import { outboxFile, recordChanges } from '../notify/outbox';
import { at, incident, tempDir, view, webhookReceiver } from '../notify/test-support';
import { outpost, slow, tempContent } from './testing';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const notifyDir = () => {
  const d = tempDir();
  dirs.push(d);
  return path.join(d, 'notify');
};

describe('outpost subscribers', () => {
  it('add, list, export, remove; a webhook secret is printed once and never listed; the file is mode 600', async () => {
    const content = tempContent();
    const dir = notifyDir();
    const common = ['--notify-dir', dir, '--content', content];
    const hook = await outpost(['subscribers', 'add', '--channel', 'webhook', '--address', 'https://hooks.example.com/x', '--component', 'api', ...common]);
    expect(hook.code).toBe(0);
    const secret = /signing secret .*: ([0-9a-f]{64})$/m.exec(hook.stdout)?.[1];
    expect(secret).toBeTruthy();
    expect((await outpost(['subscribers', 'add', '--channel', 'email', '--address', 'ada@example.com', ...common])).code).toBe(0);
    expect((await outpost(['subscribers', 'add', '--channel', 'email', '--address', 'ada@example.com', ...common])).code).toBe(1);
    const bad = await outpost(['subscribers', 'add', '--channel', 'email', '--address', 'ada@example.com\r\nBcc: x@y.example', ...common]);
    expect(bad.code).toBe(2);
    const unknown = await outpost(['subscribers', 'add', '--channel', 'email', '--address', 'b@example.com', '--component', 'nope', ...common]);
    expect(unknown.stderr).toMatch(/--component: unknown "nope"/);

    const list = await outpost(['subscribers', 'list', '--json', '--notify-dir', dir]);
    expect(JSON.parse(list.stdout).map((s: { address: string }) => s.address)).toEqual(['https://hooks.example.com/x', 'ada@example.com']);
    expect(list.stdout).not.toContain(secret!);
    expect(fileMode(path.join(dir, 'subscribers.json'))).toBe(0o600);

    const csv = await outpost(['subscribers', 'export', '--notify-dir', dir]);
    expect(csv.stdout.split('\r\n')[0]).toBe('channel,address,components,status,created_at,confirmed_at');
    expect(csv.stdout).toMatch(/^webhook,https:\/\/hooks\.example\.com\/x,api,active,/m);
    expect(csv.stdout).not.toContain(secret!);
    const sp = await outpost(['subscribers', 'export', '--format', 'statuspage', '--notify-dir', dir]);
    expect(sp.stdout).toBe('webhook,https://hooks.example.com/x,,api\r\nemail,ada@example.com,yes\r\n');

    expect((await outpost(['subscribers', 'remove', 'ada@example.com', '--notify-dir', dir])).code).toBe(0);
    expect((await outpost(['subscribers', 'remove', 'ada@example.com', '--notify-dir', dir])).code).toBe(1);
  }, slow);

  it('imports Statuspage import rows and a Statuspage-style export, reporting what it cannot take', async () => {
    const content = tempContent();
    const dir = notifyDir();
    const file = path.join(path.dirname(dir), 'sp.csv');
    fs.writeFileSync(file, ['email,ada@example.com,yes,api', 'email,"bob@example.com",no', 'sms,5555550100,US', 'webhook,https://hooks.example.com/h,ops@example.com,Website', 'email,not-an-address,yes', 'email,eve@example.com,yes,ghost'].join('\n'));
    const run = await outpost(['subscribers', 'import', file, '--notify-dir', dir, '--content', content]);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `${file}:3: "sms" subscribers have no Outpost channel (email, webhook); left out`,
      `${file}:5: not a valid email address: "not-an-address"`,
      expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: unknown component "ghost" \\(known: .*\\); left out$`)),
    ]);
    const list = JSON.parse((await outpost(['subscribers', 'list', '--json', '--notify-dir', dir])).stdout);
    expect(list.map((s: { address: string; status: string; components: string[] }) => [s.address, s.status, s.components])).toEqual([
      ['ada@example.com', 'active', ['api']],
      ['bob@example.com', 'pending', []],
      ['https://hooks.example.com/h', 'active', ['website']],
      ['eve@example.com', 'active', []],
    ]);

    const exported = path.join(path.dirname(dir), 'export.csv');
    fs.writeFileSync(exported, 'Email,Mode,Components,Created At,Quarantined At\nzed@example.com,email,API,2024-01-01,\nq@example.com,email,,2024-01-01,2024-02-01\n');
    const second = await outpost(['subscribers', 'import', exported, '--notify-dir', dir, '--content', content]);
    expect(second.stdout).toMatch(/imported: 1 added, 0 updated; 1 row left out/);
  }, slow);
});

describe('outpost notify', () => {
  it('send delivers what is due once; status lists dead letters; retry queues them again', async () => {
    const content = tempContent();
    const dir = notifyDir();
    const ok = await webhookReceiver();
    const gone = await webhookReceiver({ behaviour: 'gone' });
    try {
      await outpost(['subscribers', 'add', '--channel', 'slack', '--address', ok.url, '--notify-dir', dir, '--content', content]);
      await outpost(['subscribers', 'add', '--channel', 'discord', '--address', gone.url, '--notify-dir', dir, '--content', content]);
      await recordChanges(outboxFile(dir), changesBetween(view('09:00'), view('10:00', [incident('db', { api: 'major_outage' }, [['10:00', 'investigating']])]), new Date(at('10:00'))));
      const send = await outpost(['notify', 'send', '--notify-dir', dir, '--rate', 'slack=unlimited', '--rate', 'discord=unlimited']);
      expect(send.code).toBe(0);
      expect(send.stdout).toMatch(/^notify=pass sent=1 retried=0 dead=1 skipped=0 next=none$/m);
      expect(ok.requests).toHaveLength(1);
      const status = await outpost(['notify', 'status', '--notify-dir', dir]);
      expect(status.stdout).toMatch(/pending=0 sending=0 sent=1 skipped=0 dead=1/);
      expect(status.stdout).toMatch(/^dead channel=discord event=incident:db:update:1 .* error="HTTP 410"$/m);
      expect((await outpost(['notify', 'retry', '--notify-dir', dir])).stdout).toMatch(/1 dead letter queued again/);
      gone.behaviour = 'ok';
      expect((await outpost(['notify', 'send', '--notify-dir', dir, '--rate', 'discord=unlimited'])).stdout).toMatch(/sent=1/);
      expect((await outpost(['notify', 'send', '--notify-dir', dir])).stdout).toMatch(/sent=0/);
      expect(ok.requests).toHaveLength(1);
    } finally {
      await ok.close();
      await gone.close();
    }
  }, slow);
});

describe('outpost doctor and notify', () => {
  it('reports dead letters and a subscriber file others can read', async () => {
    const { notifyFindings } = await import('./doctor');
    const dir = notifyDir();
    const gone = await webhookReceiver({ behaviour: 'gone' });
    try {
      const content = tempContent();
      await outpost(['subscribers', 'add', '--channel', 'slack', '--address', gone.url, '--notify-dir', dir, '--content', content]);
      await recordChanges(outboxFile(dir), changesBetween(view('09:00'), view('10:00', [incident('db', { api: 'major_outage' }, [['10:00', 'investigating']])]), new Date(at('10:00'))));
      expect(await notifyFindings(dir, new Date())).toEqual([{ level: 'ok', topic: 'notify', message: 'outbox: 0 pending, 0 sent recently, no dead letters' }]);
      await outpost(['notify', 'send', '--notify-dir', dir, '--rate', 'slack=unlimited']);
      fs.chmodSync(path.join(dir, 'subscribers.json'), 0o644);
      const findings = await notifyFindings(dir, new Date());
      expect(findings.map((f) => [f.level, f.message.replace(dir, 'DIR')])).toEqual([
        ['fail', 'DIR/subscribers.json is readable by others (mode 644): it holds subscribers\' addresses'],
        ['warn', '1 dead letter: messages given up on after their retries'],
      ]);
    } finally {
      await gone.close();
    }
  }, slow);
});
