import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Helpers for the CLI tests: each command runs as a subprocess, the way a person or a script runs it. */

/** Subprocess tests wait this long: each run starts Node and tsx, and the machine is shared with builds. */
export const slow = 180_000;

export const repoRoot = path.resolve(__dirname, '..', '..');
export const outpostBin = path.join(repoRoot, 'bin', 'outpost.js');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp copy of the shipped content/ (removed after the file's tests); `edit` adjusts it first. */
export function tempContent(edit?: (dir: string) => void): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cli-')), 'content');
  made.push(path.dirname(dir));
  fs.cpSync(path.join(repoRoot, 'content'), dir, { recursive: true });
  edit?.(dir);
  return dir;
}

/** Turns the shipped example into a real site: no `exampleAnchor`, so times are stored as given. */
export function withoutAnchor(dir: string): void {
  const site = path.join(dir, 'site.yaml');
  fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace(/^exampleAnchor:.*\n/m, ''));
}

export type Run = { code: number; stdout: string; stderr: string };

/** Runs `node bin/outpost.js …` with no terminal (stdin is a pipe, given `input` or closed). */
export function outpost(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [outpostBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Every file under `dir` (dot-files included) with its bytes, to compare a tree before and after. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full) + (entry.isDirectory() ? '/' : '')] = entry.isDirectory() ? '' : fs.readFileSync(full).toString('base64');
  }
  return files;
}

/**
 * How to run a command in a pseudo-terminal from a test: python3's `pty` module, else util-linux `script`.
 * Both relay our stdin to the terminal and the terminal to our stdout. Null when neither exists.
 */
export function terminalRelay(): ((argv: string[]) => string[]) | null {
  const python = spawnSync('python3', ['-c', 'import pty, os; os.waitstatus_to_exitcode'], { stdio: 'ignore' });
  if (python.status === 0) {
    const relay = 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))';
    return (argv) => ['python3', '-c', relay, ...argv];
  }
  const script = spawnSync('script', ['-qfec', 'true', '/dev/null'], { stdio: 'ignore' });
  if (script.status === 0) {
    const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    return (argv) => ['script', '-qfec', argv.map(quote).join(' '), '/dev/null'];
  }
  return null;
}

/** One exchange at a terminal: wait until the screen shows `expect`, then press `keys` one at a time. */
export type Exchange = { expect: RegExp; keys: string[] };

/** Key codes a person presses at a prompt. */
export const key = { enter: '\r', down: '\u001b[B', space: ' ', backspace: '\u007f' };

/** Runs outpost in a pseudo-terminal and answers its prompts; resolves with the exit code and the screen text. */
export function outpostInTerminal(relay: (argv: string[]) => string[], args: string[], exchanges: Exchange[], env: Record<string, string> = {}): Promise<{ code: number; screen: string }> {
  const [command, ...rest] = relay([process.execPath, outpostBin, ...args]);
  const child = spawn(command!, rest, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  let screen = '';
  let waiting: (() => void) | null = null;
  child.stdout.on('data', (d: Buffer) => {
    // Colours and cursor moves are noise for matching: keep the text.
    screen += d.toString('utf8').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    waiting?.();
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));

  const sawAfter = (from: number, expect: RegExp) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${expect} at the terminal; it showed:\n${screen}`)), 30_000);
      const check = () => {
        const match = expect.exec(screen.slice(from));
        if (!match) return;
        clearTimeout(timer);
        waiting = null;
        resolve(from + match.index + match[0].length);
      };
      waiting = check;
      check();
    });

  return (async () => {
    let seen = 0;
    try {
      for (const { expect, keys } of exchanges) {
        seen = await sawAfter(seen, expect);
        for (const k of keys) {
          child.stdin.write(k);
          await new Promise((r) => setTimeout(r, 60));
        }
      }
    } catch (error) {
      child.kill();
      throw error;
    }
    const code = await exited;
    child.stdin.end();
    return { code, screen };
  })();
}
