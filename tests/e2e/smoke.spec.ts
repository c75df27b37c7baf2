import { expect, test } from '@playwright/test';

test('the newest day of the embedded dataset is listed', async ({ page }) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Friday, September 19, 2025' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', {
      name: 'SparseNeRF: Distilling Depth Ranking for Few-shot Novel View Synthesis',
    }),
  ).toBeVisible();
});
