/** Two open tabs share one storage: neither wipes the other's changes. */
import { expect, test } from '@playwright/test';

test('papers saved in two tabs are all kept, and each tab shows the other’s', async ({
  context,
}) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/');
  await b.goto('/');
  for (const page of [a, b]) await expect(page.getByRole('article').first()).toBeVisible();
  const save = async (page: typeof a, n: number) => {
    const button = page.getByRole('article').nth(n).getByRole('button', { name: /^Save/ });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  };
  await save(a, 0);
  await save(a, 1);
  await save(b, 2);
  const saved = (page: typeof a) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Saved/ });
  // Tab A learns of B's save through the storage event, without a reload.
  await expect(saved(a)).toHaveText(/3/);
  await expect(saved(b)).toHaveText(/3/);
  // A read mark in A survives B changing the theme.
  await a.getByRole('article').nth(3).getByRole('button', { name: /^Read/ }).click();
  await b.getByRole('button', { name: /^Theme:/ }).click();
  await b.reload();
  await expect(
    b.getByRole('article').nth(3).getByRole('button', { name: /^Read/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(saved(b)).toHaveText(/3/);
});
