// `npm test`: the type check, unit tests (vitest), then browser tests (Playwright) in a real Chromium against
// the built site. The type check runs here, not in every `outpost build` (next.config.ts skips it there).
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium';

const chromium = findChromium();
console.log(`Browser tests use ${chromium}`);
const env = { ...process.env, OUTPOST_CHROMIUM: chromium, NEXT_TELEMETRY_DISABLED: '1' };

function run(title: string, command: string, args: string[]): number {
  console.log(`\n=== ${title} ===`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env });
  return status ?? 1;
}

const types = run('type check (tsc)', 'npx', ['tsc', '--noEmit']);
const unit = run('unit tests (vitest)', 'npx', ['vitest', 'run']);
const browser = run('browser tests (playwright)', 'npx', ['playwright', 'test']);
process.exit(types || unit || browser);
