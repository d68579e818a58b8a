import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

// The CI recipe linted offline by @action-validator (GitHub's workflow schema), then read for what it must do.
const workflow = path.join(__dirname, 'github', 'outpost.yml');
const validator = path.join(__dirname, '..', 'node_modules', '@action-validator', 'cli', 'cli.mjs');

function validate(file: string) {
  return spawnSync(process.execPath, [validator, file], { encoding: 'utf8' });
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { needs?: string; steps: Step[]; permissions?: Record<string, string> };

describe('GitHub Actions recipe (deploy/github/outpost.yml)', () => {
  test('passes the workflow schema', () => {
    const run = validate(workflow);
    expect(run.stderr.replace(/^WARNING: Glob validation is not yet supported.*$/gm, '').trim()).toBe('');
    expect(run.status).toBe(0);
  });

  test('a broken workflow fails the same check', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-workflow-'));
    try {
      const broken = path.join(tmp, 'outpost.yml');
      fs.writeFileSync(broken, fs.readFileSync(workflow, 'utf8').replace('    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    permissions:', '    runs_on: ubuntu-latest\n    timeout-minutes: 10\n    permissions:'));
      const run = validate(broken);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('"path": "/jobs/deploy"');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('pings on a schedule, keeps data/ on a branch, builds with outpost build, deploys out/ to Pages', () => {
    const doc = parse(fs.readFileSync(workflow, 'utf8')) as { on: { schedule: { cron: string }[] }; concurrency: { group: string }; jobs: Record<string, Job> };
    expect(doc.on.schedule[0]!.cron).toBe('*/5 * * * *');
    expect(doc.concurrency.group).toBe('outpost');
    const { ping, build, deploy } = doc.jobs;
    const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
    expect(runs(ping!)).toContain('node bin/outpost.js ping --location');
    expect(runs(build!)).toContain('git push --force origin "$commit:refs/heads/outpost-data"');
    expect(runs(build!)).toMatch(/^node bin\/outpost\.js build$/m);
    expect(build!.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with).toEqual({ path: 'out/' });
    expect(deploy!.needs).toBe('build');
    expect(deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy!.steps[0]!.uses).toMatch(/^actions\/deploy-pages@v\d+$/);
  });
});
