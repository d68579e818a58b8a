import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

// The shipped units as systemd itself reads them: `systemd-analyze verify` exits 0 even for a typo it
// "ignores", so any line it prints counts as a failure.
const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;
if (!analyze) console.warn('SKIPPED deploy/systemd.test.ts: systemd-analyze is not available here (it ships with systemd).');

const dir = path.join(__dirname, 'systemd');
const units = fs.readdirSync(dir).filter((f) => /\.(service|timer|path)$/.test(f));

function verify(files: string[]) {
  return spawnSync('systemd-analyze', ['verify', ...files], { encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_COLOR: '0' } });
}

describe.skipIf(!analyze)('systemd units (deploy/systemd)', () => {
  test('the pinger service, the build service, its timer and path unit, the notification sender and the sign-up service are all there', () => {
    expect(units.sort()).toEqual(['outpost-build.path', 'outpost-build.service', 'outpost-build.timer', 'outpost-notify.service', 'outpost-pinger.service', 'outpost-subscribe.service']);
  });

  test('systemd-analyze verify accepts them without a word', () => {
    const run = verify(units.map((u) => path.join(dir, u)));
    expect(run.stderr + run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  test('the pinger runs in --watch --publish mode; the build runs outpost build', () => {
    const pinger = fs.readFileSync(path.join(dir, 'outpost-pinger.service'), 'utf8');
    expect(pinger).toMatch(/^ExecStart=\/usr\/bin\/env node bin\/outpost\.js ping --watch --location \$\{OUTPOST_LOCATION\} --publish out\/$/m);
    expect(fs.readFileSync(path.join(dir, 'outpost-build.service'), 'utf8')).toMatch(/^ExecStart=\/usr\/bin\/env node bin\/outpost\.js build$/m);
  });

  test('a unit with a mistake is caught (the check can fail)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-units-'));
    try {
      const broken = path.join(tmp, 'outpost-pinger.service');
      fs.writeFileSync(broken, fs.readFileSync(path.join(dir, 'outpost-pinger.service'), 'utf8').replace('Restart=always', 'Restart=allways'));
      const run = verify([broken]);
      expect(run.stderr).toMatch(/outpost-pinger\.service:\d+: .*restart.*allways/i);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
