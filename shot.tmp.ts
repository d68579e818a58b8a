import { chromium } from 'playwright-core';
const [url, out, width, scheme, js] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: scheme as 'light' | 'dark', javaScriptEnabled: js !== 'nojs', timezoneId: 'Europe/Paris' });
  await page.goto(url!);
  await page.screenshot({ path: out!, fullPage: true });
  await browser.close();
})();
