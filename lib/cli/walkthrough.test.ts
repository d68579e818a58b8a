import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadContent } from '../content';
import { readSiteData } from '../site-data';
import { repoRoot, tempContent } from './testing';

/** The shell commands of README.md's ```sh walkthrough block: comments dropped, `\` continuations joined. */
function walkthroughCommands(): string[] {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /^```sh walkthrough\n([\s\S]*?)^```$/m.exec(readme);
  if (!block) throw new Error('README.md has no ```sh walkthrough block');
  return block[1]!
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

type Ran = { code: number | null; output: string; preview?: { url: string; stop: () => void } };

/** Runs one README command in a shell from the project folder; a `preview` resolves once it serves, with its URL. */
function run(command: string, env: Record<string, string>): Promise<Ran> {
  const serves = / preview\b/.test(command);
  // Port 0: the preview listens wherever is free, never on a port another test or engineer uses.
  const child = spawn('bash', ['-c', serves ? `${command} --port 0` : command], { cwd: repoRoot, env: { ...process.env, ...env }, detached: true });
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = serves ? /serving out\/ at (http:\/\/\S+)/.exec(output)?.[1] : undefined;
      // The whole process group goes: bash, npx and the server.
      if (url) resolve({ code: 0, output, preview: { url, stop: () => process.kill(-child.pid!, 'SIGTERM') } });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('the README walkthrough runs as written: post, update, resolve, schedule, preview, build', async () => {
  const commands = walkthroughCommands();
  expect(commands.some((c) => c.startsWith('npx outpost incident new'))).toBe(true);
  const dir = tempContent();
  const env = { OUTPOST_CONTENT_DIR: dir };

  for (const command of commands) {
    const child = await run(command, env);
    expect(child.code, `${command}\n${child.output}`).toBe(0);
    if (child.preview) {
      try {
        const response = await fetch(child.preview.url);
        expect(response.status).toBe(200);
        const html = await response.text();
        const { content, status } = readSiteData({ contentDir: dir });
        expect(html).toContain(content.site.name);
        expect(html).toContain(status.description);
      } finally {
        child.preview.stop();
      }
    }
  }

  const content = loadContent(dir);
  const incident = content.incidents.find((i) => i.id.endsWith('-webhook-deliveries-delayed'))!;
  expect(incident.updates.map((u) => u.status)).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
  expect(incident.updates.at(-1)!.components).toEqual({ webhooks: 'operational' });
  expect(content.maintenance.map((m) => m.id)).toContain('2030-01-15-queue-upgrade');
  expect(fs.existsSync(path.join(repoRoot, 'out', 'index.html'))).toBe(true);
}, 900_000);
