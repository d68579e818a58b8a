import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { examplePages } from './example-pages';

/** axe finds no violations (WCAG 2.x A/AA and best practices) on any page type, in light and in dark. */
for (const [name, path] of Object.entries(examplePages)) {
  test(`${name} (${path})`, async ({ page }) => {
    await page.goto(path);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${colorScheme} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    }
  });
}
