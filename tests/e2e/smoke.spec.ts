import { expect, test } from '@playwright/test';

test('the newest day of the embedded dataset is listed', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Paperboy' })).toBeVisible();
  await expect(
    page.getByText('SparseNeRF: Distilling Depth Ranking for Few-shot Novel View Synthesis'),
  ).toBeVisible();
});
