import { expect, test } from '@playwright/test';

test('home page names the site and its overall status', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Status');
  await expect(page.getByText('Major System Outage')).toBeVisible();
});
