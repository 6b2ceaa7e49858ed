import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The page fits its window (no sideways scrolling) and axe finds no WCAG 2.2 AA or best-practice issue. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  const { width } = page.viewportSize() ?? { width: 0 };
  expect(scrollWidth, `${label} at ${width}px`).toBeLessThanOrEqual(width);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(
    results.violations.map(({ id, help, nodes }) => ({
      label,
      id,
      help,
      targets: nodes.map((n) => n.target),
    })),
  ).toEqual([]);
}
