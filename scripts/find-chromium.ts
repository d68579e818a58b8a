// Finds a Chromium for the browser tests: Playwright's own where installed, else the system's; where
// there is none and apt-get can run (as root), installs Debian's `chromium`; else says how to get one.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';

/** Flags for a headless Chromium on a small shared machine with no network: every launch uses them. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function playwrightChromium(): string | null {
  try {
    const file = chromium.executablePath();
    return file && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}


function systemChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  return null;
}

/** The path of a usable Chromium, installing Debian's where that is possible; exits with advice otherwise. */
export function findChromium(): string {
  if (process.env.OUTPOST_CHROMIUM && fs.existsSync(process.env.OUTPOST_CHROMIUM)) return process.env.OUTPOST_CHROMIUM;
  const found = playwrightChromium() ?? systemChromium();
  if (found) return found;
  const canApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).stdout.trim() && process.getuid?.() === 0;
  if (canApt) {
    console.log('No Chromium found: installing Debian\'s chromium with apt-get…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = systemChromium();
    if (installed) return installed;
  }
  console.error(
    'The browser tests need Chromium and none was found.\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  Anywhere with internet: npx playwright install chromium\n' +
      '  Or point OUTPOST_CHROMIUM at a Chromium or Chrome binary.',
  );
  process.exit(1);
}
