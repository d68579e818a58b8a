import { defineConfig } from '@playwright/test';
import { exampleSecret } from './e2e/example-secret';
import { chromiumArgs, findChromium } from './scripts/find-chromium';

/** Browser tests run in a real Chromium (found by scripts/find-chromium.mjs) against the built out/, served statically. */
const port = Number(process.env.OUTPOST_E2E_PORT ?? 4329);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  forbidOnly: true,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: findChromium(),
      args: chromiumArgs,
    },
  },
  webServer: {
    // What ships: the example content built with the real build command, served as a static host would.
    command: `node bin/outpost.js build && node bin/outpost.js serve --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    // The example's API check reads this header secret; e2e/monitor.spec.ts proves it never reaches out/.
    env: { ACME_HEALTH_TOKEN: exampleSecret },
  },
});
