import { chromium } from 'playwright-core';
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ timezoneId: 'Europe/Paris' });
  page.on("console", (m) => console.log("console", m.type(), m.text().slice(0, 300), JSON.stringify(m.location())));
  page.on('pageerror', (e) => console.log('pageerror', e.message.slice(0, 300)));
  await page.goto(process.argv[2]!);
  await page.waitForTimeout(1500);
  console.log(await page.locator('time').first().evaluate((e) => e.outerHTML));
  await browser.close();
})();
